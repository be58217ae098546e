namespace Sextant.LoadTesting;

/// <summary>A live reading of a running load test, reported about once a second.</summary>
/// <param name="Phase"><c>warmup</c> or <c>measure</c>.</param>
/// <param name="Elapsed">Time since the phase started.</param>
/// <param name="Duration">The phase's planned length.</param>
/// <param name="Completed">Requests finished in the phase (answered or failed).</param>
/// <param name="Errors">Of those, non-2xx answers and failures.</param>
/// <param name="CurrentRate">Requests finished per second since the last reading (in the last reading of a phase: over the whole phase).</param>
public readonly record struct LoadTestProgress(string Phase, TimeSpan Elapsed, TimeSpan Duration, long Completed, long Errors, double CurrentRate);
