namespace Sextant.Core.Tests.Forecasting.Ets;

/// <summary>What R's <c>ets</c> and <c>forecast.ets</c> printed for one fit (bench/anchors/ets_reference.R).</summary>
internal sealed record EtsReferenceCase(
    string Series,
    string? Model,
    string ExpectedName,
    double[] Parameters,
    double LogLikelihood,
    double Aicc,
    double Sigma2,
    int[] Steps,
    double[] Mean,
    double[] Lower95,
    double[] Upper80);
