using Sextant.Learners.Linear;

namespace Sextant.Evaluation;

/// <summary>
/// Maps a classifier's probabilities to calibrated ones, learned on held-out rows the classifier did not train on:
/// <c>platt</c> (a logistic curve on the log-odds, Platt 1999, with his smoothed targets; monotone, so ROC AUC is
/// unchanged) or <c>isotonic</c> (the pool-adjacent-violators step function, interpolated between steps).
/// </summary>
/// <param name="Method"><c>platt</c> or <c>isotonic</c>.</param>
/// <param name="Slope">platt: the slope on the log-odds.</param>
/// <param name="Intercept">platt: the intercept on the log-odds.</param>
/// <param name="Thresholds">isotonic: the step positions (increasing probabilities).</param>
/// <param name="Values">isotonic: the calibrated probability at each step (non-decreasing).</param>
public sealed record ProbabilityCalibrator(string Method, double Slope = 1, double Intercept = 0, IReadOnlyList<double>? Thresholds = null, IReadOnlyList<double>? Values = null)
{
    private const double Epsilon = 1e-12;

    /// <summary>Fits Platt scaling on held-out probabilities and 0/1 labels.</summary>
    public static ProbabilityCalibrator FitPlatt(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        Check(probabilities, labels);
        var n = probabilities.Length;
        var z = new double[n];
        var positives = 0;
        for (var i = 0; i < n; i++)
        {
            z[i] = Logit(probabilities[i]);
            positives += labels[i] == 1 ? 1 : 0;
        }

        // Platt's targets: (N+ + 1) / (N+ + 2) and 1 / (N- + 2), so a perfectly separated set does not drive the slope to infinity.
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (n - positives + 2.0);
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0, loss = 0;
            for (var i = 0; i < n; i++)
            {
                var t = labels[i] == 1 ? high : low;
                var p = LogisticFunction.Sigmoid((a * z[i]) + b);
                var r = p - t;
                var w = Math.Max(p * (1 - p), Epsilon);
                ga += r * z[i];
                gb += r;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
                loss -= (t * Math.Log(Math.Max(p, Epsilon))) + ((1 - t) * Math.Log(Math.Max(1 - p, Epsilon)));
            }

            // Newton step on (a, b), halved until the loss does not increase.
            haa += 1e-9;
            hbb += 1e-9;
            var det = (haa * hbb) - (hab * hab);
            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            var step = 1.0;
            while (step > 1e-8 && Loss(a - (step * da), b - (step * db), z, labels, high, low) > loss)
            {
                step /= 2;
            }

            a -= step * da;
            b -= step * db;
            if (Math.Abs(step * da) < 1e-10 && Math.Abs(step * db) < 1e-10)
            {
                break;
            }
        }

        return new ProbabilityCalibrator("platt", a, b);
    }

    /// <summary>
    /// Platt scaling when it helps: fitted on half the held-out rows and scored on the other half (both ways), it is
    /// kept only when it lowers the log-loss there by more than twice the standard error of the per-row gains, so that
    /// a classifier that is calibrated already (logistic regression, boosting on log-loss) is left alone rather than
    /// given a recalibration whose gain is noise. Returns null when calibration would not help.
    /// </summary>
    public static ProbabilityCalibrator? FitIfHelpful(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, int seed)
    {
        Check(probabilities, labels);
        if (probabilities.Length < 20)
        {
            return null;
        }

        var order = Enumerable.Range(0, probabilities.Length).ToArray();
        new Random(seed).Shuffle(order);
        var half = order.Length / 2;
        double sum = 0, sumOfSquares = 0;
        var p = probabilities.ToArray();
        var y = labels.ToArray();
        foreach (var (fit, check) in new[] { (order[..half], order[half..]), (order[half..], order[..half]) })
        {
            var calibrator = FitPlatt([.. fit.Select(i => p[i])], [.. fit.Select(i => y[i])]);
            foreach (var i in check)
            {
                var gain = LogLoss(p[i], y[i]) - LogLoss(calibrator.Apply(p[i]), y[i]);
                sum += gain;
                sumOfSquares += gain * gain;
            }
        }

        var n = p.Length;
        var mean = sum / n;
        var standardError = Math.Sqrt(Math.Max(0, (sumOfSquares / n) - (mean * mean)) / n);
        return mean > 2 * standardError ? FitPlatt(probabilities, labels) : null;
    }

    private static double LogLoss(double p, double label)
    {
        var q = Math.Clamp(p, ClassificationMetrics.LogLossEpsilon, 1 - ClassificationMetrics.LogLossEpsilon);
        return label == 1 ? -Math.Log(q) : -Math.Log(1 - q);
    }

    /// <summary>Fits isotonic regression (pool adjacent violators) of the labels on held-out probabilities.</summary>
    public static ProbabilityCalibrator FitIsotonic(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        Check(probabilities, labels);
        var order = Enumerable.Range(0, probabilities.Length).ToArray();
        var keys = probabilities.ToArray();
        Array.Sort(keys, order);
        // Blocks of (mean x, mean y, weight), merged while they violate monotonicity.
        var xs = new List<double>();
        var ys = new List<double>();
        var ws = new List<double>();
        for (var k = 0; k < order.Length; k++)
        {
            xs.Add(keys[k]);
            ys.Add(labels[order[k]]);
            ws.Add(1);
            while (ys.Count > 1 && ys[^2] >= ys[^1])
            {
                var w = ws[^2] + ws[^1];
                var x = ((xs[^2] * ws[^2]) + (xs[^1] * ws[^1])) / w;
                var y = ((ys[^2] * ws[^2]) + (ys[^1] * ws[^1])) / w;
                xs.RemoveAt(xs.Count - 1);
                ys.RemoveAt(ys.Count - 1);
                ws.RemoveAt(ws.Count - 1);
                xs[^1] = x;
                ys[^1] = y;
                ws[^1] = w;
            }
        }

        return new ProbabilityCalibrator("isotonic", Thresholds: xs, Values: ys);
    }

    /// <summary>The calibrated probability of <paramref name="probability"/>.</summary>
    public double Apply(double probability)
    {
        if (Method == "platt")
        {
            return LogisticFunction.Sigmoid((Slope * Logit(probability)) + Intercept);
        }

        var x = Thresholds ?? throw new InvalidOperationException("An isotonic calibrator needs its thresholds.");
        var y = Values ?? throw new InvalidOperationException("An isotonic calibrator needs its values.");
        if (probability <= x[0])
        {
            return y[0];
        }

        if (probability >= x[^1])
        {
            return y[^1];
        }

        var hi = 1;
        while (x[hi] < probability)
        {
            hi++;
        }

        var span = x[hi] - x[hi - 1];
        return span <= 0 ? y[hi] : y[hi - 1] + ((y[hi] - y[hi - 1]) * (probability - x[hi - 1]) / span);
    }

    private static double Loss(double a, double b, double[] z, ReadOnlySpan<double> labels, double high, double low)
    {
        double loss = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var t = labels[i] == 1 ? high : low;
            var p = LogisticFunction.Sigmoid((a * z[i]) + b);
            loss -= (t * Math.Log(Math.Max(p, Epsilon))) + ((1 - t) * Math.Log(Math.Max(1 - p, Epsilon)));
        }

        return loss;
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-9, 1 - 1e-9);
        return Math.Log(q / (1 - q));
    }

    private static void Check(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length || probabilities.IsEmpty)
        {
            throw new ArgumentException("Calibration needs one 0/1 label per probability, and at least one row.", nameof(labels));
        }
    }
}
