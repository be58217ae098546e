namespace Sextant.Training;

/// <summary>A numeric model input: median-imputed, then standardised with training statistics.</summary>
public sealed record NumericInput(string Name, double Median, double Mean, double Scale);
