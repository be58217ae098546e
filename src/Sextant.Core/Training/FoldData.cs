using Sextant.Data;
using Sextant.Evaluation;
using Sextant.Schema;

namespace Sextant.Training;

/// <summary>
/// One fold made ready to fit and score: the preprocessing fitted on the fold's fitting rows only (so imputation
/// medians, scaling and one-hot levels never see its validation rows), and both parts encoded with it.
/// </summary>
internal sealed record FoldData(Fold Fold, Preprocessor Preprocessor, double[] XFit, double[] YFit, double[] XValid, double[] YValid)
{
    /// <summary>Prepares <paramref name="fold"/> of <paramref name="train"/> (derived features added), whose target is <paramref name="y"/>.</summary>
    public static FoldData Prepare(Table train, FeatureSchema schema, double[] y, Fold fold, CategoricalEncoding encoding = CategoricalEncoding.OneHot)
    {
        var fit = train.Take(fold.Train);
        var valid = train.Take(fold.Validation);
        var pre = Preprocessor.Fit(fit, schema, encoding);
        return new FoldData(fold, pre, pre.Transform(fit), [.. fold.Train.Select(i => y[i])], pre.Transform(valid), [.. fold.Validation.Select(i => y[i])]);
    }

    public int FitRows => YFit.Length;

    public int ValidRows => YValid.Length;

    /// <summary>
    /// The first <paramref name="fraction"/> of the fitting rows in a fixed shuffled order (at least 30 rows), for
    /// successive halving: every trial at one budget sees the same rows, and a larger budget extends a smaller one.
    /// </summary>
    public (double[] X, double[] Y, int Rows) FitSubset(double fraction)
    {
        if (fraction >= 1)
        {
            return (XFit, YFit, FitRows);
        }

        var rows = Math.Min(FitRows, Math.Max(30, (int)Math.Ceiling(FitRows * fraction)));
        var order = Enumerable.Range(0, FitRows).ToArray();
        new Random(Fold.Index + 1).Shuffle(order);
        var chosen = order[..rows].Order().ToArray();
        var width = Preprocessor.Width;
        var x = new double[rows * width];
        for (var r = 0; r < rows; r++)
        {
            XFit.AsSpan(chosen[r] * width, width).CopyTo(x.AsSpan(r * width, width));
        }

        return (x, [.. chosen.Select(i => YFit[i])], rows);
    }
}
