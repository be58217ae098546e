using System.Collections.Concurrent;
using Sextant.Monitoring.Drift;

namespace Sextant.Core.Tests.Monitoring.Drift;

/// <summary>
/// Issue 13's honest-statistics bars on 30 seeds (the benchmark runs 100 seeds, windows up to 1M rows and a 100,000-row
/// reference; see docs/BENCHMARKS.md), for a 1,000-row reference (p-value tests) and a 20,000-row one (distances by
/// default), with the data of <see cref="DriftScenario"/>: (a) the dataset decision fires on at most 5% of fresh samples
/// of the reference distribution at every window of 100 to 10,000 rows; (b) it detects a 0.5 sd mean shift of 2 of the
/// 10 numeric features, and a 10-point share change of one categorical, in at least 90% of 500-row windows. On 30 seeds
/// a rate is known to about +-5 points, so a bar fails when the count contradicts it at the 1% level: 5 or more false
/// alarms of 30 (P = 1.6% at a true 5%), 22 or fewer detections of 30 (P = 0.8% at a true 90%). The corrected rule (Holm
/// over the features' p-values, family alpha 0.05) holds (a) and the numeric (b) with both references, and the categorical
/// (b) with the large one; with 1,000 reference rows its categorical power is bounded near 68% (see
/// <see cref="Corrected_SmallReference_CategoricalShift_DetectedAtTheChiSquarePowerNotTheBar"/>). Evidently's default
/// rule misses the numeric shift, and an uncorrected "any feature at p &lt; 0.05" rule breaks (a).
/// </summary>
public sealed class DriftRatesTests
{
    private const int Seeds = 30;

    private const int MostFalseAlarms = 4;

    private const int FewestDetections = 23;

    private const int LargeReference = 20_000;

    private static readonly ConcurrentDictionary<(int Rows, int Seed), Lazy<ReferenceProfile>> s_profiles = new();

    private static readonly DriftOptions s_corrected = new() { DatasetRule = DatasetDriftRule.Corrected };

    [Theory]
    [InlineData(1_000)]
    [InlineData(LargeReference)]
    public void Corrected_NoDrift_FalseAlarmsAtMost5PercentAtEveryWindow(int referenceRows)
    {
        var alarms = FalseAlarms(referenceRows, s_corrected);

        Assert.All(alarms, a => Assert.True(a.Count <= MostFalseAlarms, $"window {a.Window}: {a.Count} false alarms of {Seeds}"));
    }

    [Fact]
    public void UncorrectedAnyFeatureRule_NoDrift_BreaksTheFalseAlarmBar()
    {
        var anyFeature = new DriftOptions { DatasetDriftShare = null, DatasetDriftFeatures = 1 };

        var alarms = FalseAlarms(1_000, anyFeature);

        Assert.Contains(alarms, a => a.Count > MostFalseAlarms);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(LargeReference)]
    public void Corrected_TwoNumericFeaturesShiftedHalfAnSd_DetectedAtLeast90Percent(int referenceRows)
    {
        var detected = Fired(referenceRows, 500, DriftScenario.Shift.TwoNumeric, s_corrected);

        Assert.True(detected >= FewestDetections, $"detected {detected} of {Seeds}");
    }

    [Fact]
    public void Corrected_LargeReference_CategoricalShift_DetectedAtLeast90Percent()
    {
        var detected = Fired(LargeReference, 500, DriftScenario.Shift.Categorical, s_corrected);

        Assert.True(detected >= FewestDetections, $"detected {detected} of {Seeds}");
    }

    /// <summary>
    /// With 1,000 reference rows the 90% is out of reach for any rule that keeps false alarms at 5%: the
    /// chi-square test of that one feature alone at p &lt; 0.05 detects the change 92% of the time (noncentrality 13.4 on
    /// 2 df), and at the 0.05 / 13 a family of 13 features allows, 68%. The test holds the rule near that power
    /// (at least 60% of the seeds) and records that it stays below the bar.
    /// </summary>
    [Fact]
    public void Corrected_SmallReference_CategoricalShift_DetectedAtTheChiSquarePowerNotTheBar()
    {
        var detected = Fired(1_000, 500, DriftScenario.Shift.Categorical, s_corrected);

        Assert.InRange(detected, 0.6 * Seeds, 0.9 * Seeds);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(LargeReference)]
    public void EvidentlyDefaultRule_MissesTheTwoFeatureShift(int referenceRows)
    {
        var detected = Fired(referenceRows, 500, DriftScenario.Shift.TwoNumeric, new DriftOptions());

        Assert.True(detected < FewestDetections, $"detected {detected} of {Seeds}");
    }

    private static List<(int Window, int Count)> FalseAlarms(int referenceRows, DriftOptions options) =>
        [.. new[] { 100, 500, 1_000, 10_000 }.Select(w => (w, Fired(referenceRows, w, DriftScenario.Shift.None, options)))];

    private static int Fired(int referenceRows, int window, DriftScenario.Shift shift, DriftOptions options)
    {
        var fired = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var profile = s_profiles.GetOrAdd((referenceRows, seed), key => new(() => DriftScenario.Profile(key.Rows, key.Seed))).Value;
            fired += DriftDetector.Check(profile, DriftScenario.Current(window, seed, shift), options).DatasetDrift ? 1 : 0;
        }

        return fired;
    }
}
