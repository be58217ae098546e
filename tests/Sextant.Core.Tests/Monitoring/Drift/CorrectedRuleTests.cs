using Sextant.Monitoring.Drift;

namespace Sextant.Core.Tests.Monitoring.Drift;

public sealed class CorrectedRuleTests
{
    private static readonly DriftOptions s_corrected = new() { DatasetRule = DatasetDriftRule.Corrected };

    [Fact]
    public void HolmAdjust_MatchesR_AndFlagsAdjustedPBelowAlpha()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm") = 0.04 0.09 0.09 0.025 0.5
        double[] p = [0.01, 0.04, 0.03, 0.005, 0.5];
        var features = p.Select((v, i) => Tested($"f{i}", v)).Append(Tested("untested", 1e-9) with { Note = "not enough data" }).ToArray();

        DriftDetector.HolmAdjust(features, alpha: 0.05);

        double[] holm = [0.04, 0.09, 0.09, 0.025, 0.5];
        Assert.All(holm.Zip(features), pair => Assert.Equal(pair.First, pair.Second.AdjustedPValue!.Value, 1e-15));
        Assert.Equal([true, false, false, true, false], features.Take(5).Select(f => f.Drifted));
        Assert.Equal(features.Take(5).Select(f => f.AdjustedPValue!.Value), features.Take(5).Select(f => f.Score));
        Assert.Null(features[5].AdjustedPValue);
    }

    [Fact]
    public void Check_CorrectedWithLargeReference_TestsEveryFeatureAgainstTheFamilyAlpha()
    {
        var profile = DriftScenario.Profile(20_000, seed: 3);
        var current = DriftScenario.Current(2_000, seed: 3, DriftScenario.Shift.TwoNumeric);

        var evidently = DriftDetector.Check(profile, current);
        var report = DriftDetector.Check(profile, current, s_corrected);

        Assert.Equal(DriftMethod.Wasserstein, evidently.Features.Single(f => f.Name == "normal").Method);
        Assert.All(report.Features, f => Assert.True(f.Method.IsTest(), $"{f.Name}: {f.Method}"));
        Assert.Equal(DriftMethod.Ks, report.Features.Single(f => f.Name == "normal").Method);
        Assert.Equal(DriftMethod.ChiSquare, report.Features.Single(f => f.Name == "plan").Method);
        Assert.Equal(DriftMethod.ZTest, report.Features.Single(f => f.Name == "flag").Method);
        Assert.All(report.Features, f => Assert.Equal((0.05, f.AdjustedPValue!.Value, f.Score < 0.05), (f.Threshold, f.Score, f.Drifted)));
        Assert.Equal(["lognormal", "normal"], report.Features.Where(f => f.Drifted).Select(f => f.Name).Order());
        Assert.True(report.DatasetDrift);
        Assert.False(evidently.DatasetDrift);
        Assert.Contains("rule: any feature with Holm-adjusted p < 0.05", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Corrected_LeavesPredictionDriftToItsOwnMethod()
    {
        var profile = ReferenceProfiler.Build(DriftScenario.Columns(5_000, seed: 4, DriftScenario.Shift.None), DriftColumn.Numeric("prediction", [.. Enumerable.Range(0, 5_000).Select(i => i % 97 / 9.0)]));
        var current = DriftScenario.Current(1_000, seed: 4, DriftScenario.Shift.None);

        var report = DriftDetector.Check(profile, current, s_corrected, prediction: DriftColumn.Numeric("prediction", [.. Enumerable.Range(0, 1_000).Select(i => i % 89 / 9.0)]));

        Assert.Equal((DriftMethod.Wasserstein, 0.1, (double?)null), (report.Prediction!.Method, report.Prediction.Threshold, report.Prediction.AdjustedPValue));
    }

    [Fact]
    public void Validate_CorrectedWithADistanceOrAThreshold_SaysWhy()
    {
        var options = s_corrected with
        {
            Features = new Dictionary<string, FeatureDriftOptions>
            {
                ["a"] = new() { Method = "psi" },
                ["b"] = new() { Method = "ks", Threshold = 0.01 },
            },
        };

        var ex = Assert.Throws<SextantException>(options.Validate);

        Assert.Contains("features.a.method: psi is a distance; dataset_rule corrected needs a p-value test", ex.Message, StringComparison.Ordinal);
        Assert.Contains("features.b.threshold: dataset_rule corrected compares every feature's adjusted p-value with family_alpha", ex.Message, StringComparison.Ordinal);
        Assert.Throws<SextantException>((s_corrected with { FamilyAlpha = 1 }).Validate);
        (s_corrected with { DatasetDriftShare = null }).Validate();
    }

    private static FeatureDrift Tested(string name, double p) => new()
    {
        Name = name,
        Kind = DriftFeatureKind.Numeric,
        Method = DriftMethod.Ks,
        Score = p,
        Statistic = 0.1,
        PValue = p,
        Threshold = 0.05,
        Drifted = p < 0.05,
        Psi = 0,
        PsiBand = PsiBand.None,
        ReferenceRows = 1_000,
        CurrentRows = 500,
        ReferenceMissingShare = 0,
        CurrentMissingShare = 0,
    };
}
