namespace Sextant.Forecasting;

/// <summary>A central prediction interval at one level for every step of a forecast.</summary>
/// <param name="Level">The nominal coverage in percent, e.g. 80 or 95.</param>
/// <param name="Lower">The lower bound per step.</param>
/// <param name="Upper">The upper bound per step.</param>
public sealed record PredictionBand(double Level, double[] Lower, double[] Upper);
