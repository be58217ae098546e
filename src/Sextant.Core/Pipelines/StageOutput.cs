namespace Sextant.Pipelines;

/// <summary>What a stage produced: store products, metrics and a summary line.</summary>
internal sealed record StageOutput(IReadOnlyDictionary<string, string> Products, IReadOnlyDictionary<string, double> Metrics, string Summary);
