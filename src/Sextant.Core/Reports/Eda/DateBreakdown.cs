namespace Sextant.Reports.Eda;

/// <summary>A date column by calendar month and by quarter.</summary>
public sealed record DateBreakdown(string Column, IReadOnlyList<PeriodStat> Months, IReadOnlyList<PeriodStat> Quarters);
