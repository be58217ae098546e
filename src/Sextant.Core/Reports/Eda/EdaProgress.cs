namespace Sextant.Reports.Eda;

/// <summary>How far an EDA computation has got: a stage and the steps of it done.</summary>
public readonly record struct EdaProgress(string Stage, int Done, int Total);
