namespace Sextant.Export.Onnx;

/// <summary>A model that cannot be written as ONNX without changing what it predicts: names what and why.</summary>
public sealed class OnnxExportException : SextantException
{
    public OnnxExportException(string feature, string reason)
        : base($"Cannot export to ONNX: '{feature}': {reason}")
    {
        Feature = feature;
        Reason = reason;
    }

    public OnnxExportException()
    {
        Feature = "";
        Reason = "";
    }

    public OnnxExportException(string message)
        : base(message)
    {
        Feature = "";
        Reason = message;
    }

    public OnnxExportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Feature = "";
        Reason = message;
    }

    /// <summary>The feature, derived feature or model part that ONNX cannot express.</summary>
    public string Feature { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }
}
