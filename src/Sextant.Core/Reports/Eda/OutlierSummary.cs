namespace Sextant.Reports.Eda;

/// <summary>Values outside [Q1 - factor*IQR, Q3 + factor*IQR] (quartiles by linear interpolation, as numpy).</summary>
public sealed record OutlierSummary(double Factor, double Low, double High, long Below, long Above, double Share);
