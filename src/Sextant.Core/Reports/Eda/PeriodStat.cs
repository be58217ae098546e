namespace Sextant.Reports.Eda;

/// <summary>Rows in one month or quarter, and the target's total, mean and the mean's 95% normal interval there.</summary>
public sealed record PeriodStat(string Period, long UnixSeconds, long Rows, double? TargetTotal, double? TargetMean, double? MeanLow, double? MeanHigh);
