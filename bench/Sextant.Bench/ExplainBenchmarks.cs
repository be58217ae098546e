using System.Diagnostics;
using System.Globalization;
using Sextant.Explain;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Bench;

/// <summary>Stopwatch timings of TreeSHAP: microseconds per explained row, next to one-row prediction.</summary>
internal static class ExplainBenchmarks
{
    public static int Run(string[] args)
    {
        _ = args;
        Print($"Sextant explanation benchmarks: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, one thread");
        const int rows = 20_000;
        const int columns = 20;
        (double[] x, double[] y) = LearnerBenchmarks.Friedman1(rows, columns, seed: 1);
        foreach (int depth in new[] { 6, 8 })
        {
            var options = new GradientBoostingOptions { Rounds = 100, MaxDepth = depth, MaxLeaves = 31, EarlyStopping = null };
            GradientBoostingModel model = GradientBoostingTrainer.Fit(x, rows, columns, y, options);
            Measure($"gbm friedman1 {rows:N0}x{columns}, {model.Rounds} trees (max depth {depth}, 31 leaves)", model, x, columns);
        }

        return 0;
    }

    private static void Measure(string name, GradientBoostingModel model, double[] x, int columns)
    {
        int rows = x.Length / columns;
        var contributions = new double[columns];
        var workspace = new TreeShapWorkspace();
        double sink = 0;
        for (int i = 0; i < 2_000; i++)
        {
            sink += TreeShap.Explain(model, x.AsSpan(i % rows * columns, columns), contributions, workspace);
        }

        const int Calls = 20_000;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < Calls; i++)
        {
            sink += TreeShap.Explain(model, x.AsSpan(i % rows * columns, columns), contributions, workspace);
        }

        double explainMicroseconds = stopwatch.Elapsed.TotalMicroseconds / Calls;
        long bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Calls;

        // Prediction is 50 times cheaper: more calls, so the timed loop runs the fully optimised code.
        const int PredictCalls = 50 * Calls;
        for (int i = 0; i < PredictCalls; i++)
        {
            sink += model.PredictRaw(x.AsSpan(i % rows * columns, columns));
        }

        stopwatch.Restart();
        for (int i = 0; i < PredictCalls; i++)
        {
            sink += model.PredictRaw(x.AsSpan(i % rows * columns, columns));
        }

        double predictMicroseconds = stopwatch.Elapsed.TotalMicroseconds / PredictCalls;
        Print($"{name}: explain one row {explainMicroseconds:F1} us ({bytesPerCall} B allocated per call), predict one row {predictMicroseconds:F2} us{(double.IsNaN(sink) ? " (NaN)" : "")}");
    }

    private static void Print(FormattableString message) => Console.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
