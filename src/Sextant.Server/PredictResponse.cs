namespace Sextant.Server;

/// <summary>The answer of <c>POST /predict</c>.</summary>
public sealed record PredictResponse(
    double Prediction,
    string? Label,
    double? Probability,
    string ModelName,
    int ModelVersion,
    string RequestId,
    double LatencyMs,
    IReadOnlyList<string> Warnings);
