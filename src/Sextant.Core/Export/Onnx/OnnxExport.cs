namespace Sextant.Export.Onnx;

/// <summary>The outcome of an export: the file's bytes and what it holds.</summary>
/// <param name="Bytes">The serialised ONNX <c>ModelProto</c>.</param>
/// <param name="Inputs">The graph inputs, one per raw feature, with their ONNX types.</param>
/// <param name="Outputs">The graph outputs.</param>
/// <param name="Operators">The operators used (domain-qualified for ONNX-ML).</param>
/// <param name="SchemaSha256">The SHA-256 of the model's schema (also in the file's metadata).</param>
public sealed record OnnxExport(byte[] Bytes, IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs, IReadOnlyList<string> Operators, string SchemaSha256);

/// <summary>One input or output of an exported graph.</summary>
/// <param name="Name">The tensor name (a raw feature's name for inputs).</param>
/// <param name="Type"><c>double</c>, <c>float</c> or <c>string</c>.</param>
/// <param name="Shape">E.g. <c>[N,1]</c>.</param>
public sealed record OnnxTensorInfo(string Name, string Type, string Shape);
