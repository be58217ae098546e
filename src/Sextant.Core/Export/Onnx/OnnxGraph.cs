using Google.Protobuf;
using Sextant.Export.Onnx.Proto;

namespace Sextant.Export.Onnx;

/// <summary>
/// Builds one ONNX graph: typed inputs and outputs, constant initializers and nodes, each intermediate value under a
/// fresh name. Only what the exporter needs; every tensor it makes is double, float, int64 or string.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The standard operator set the graph uses (Debian's ONNX 1.12 checker knows up to 17).</summary>
    public const int Opset = 17;

    /// <summary>The ONNX-ML operator set (TreeEnsembleRegressor with double thresholds needs 3).</summary>
    public const int MlOpset = 3;

    public const string MlDomain = "ai.onnx.ml";

    private readonly GraphProto _graph;
    private int _next;

    public OnnxGraph(string name)
    {
        _graph = new GraphProto { Name = name };
    }

    public GraphProto Proto => _graph;

    /// <summary>Declares a graph input of shape [N, 1].</summary>
    public string Input(string name, TensorProto.Types.DataType type, string? doc = null)
    {
        _graph.Input.Add(Value(name, type, 1, doc));
        return name;
    }

    /// <summary>Declares a graph output of shape [N, columns] (or [N] when columns is null).</summary>
    public void Output(string name, TensorProto.Types.DataType type, int? columns, string? doc = null) => _graph.Output.Add(Value(name, type, columns, doc));

    /// <summary>A constant double tensor of the given shape.</summary>
    public string Doubles(string hint, double[] values, params long[] shape)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Double };
        tensor.Dims.AddRange(shape);
        tensor.DoubleData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A constant double scalar, shaped [1] so it broadcasts.</summary>
    public string Scalar(string hint, double value) => Doubles(hint, [value], 1);

    public string Int64s(string hint, long[] values)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Strings(string hint, string[] values)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(values.Length);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string op, string[] inputs, Action<NodeProto>? attributes = null, string domain = "", string? output = null)
    {
        var node = new NodeProto { OpType = op, Domain = domain, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? Fresh(op.ToLowerInvariant()));
        attributes?.Invoke(node);
        _graph.Node.Add(node);
        return node.Output[0];
    }

    public static void Attribute(NodeProto node, string name, long value) =>
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static void Attribute(NodeProto node, string name, float value) =>
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    public static void Attribute(NodeProto node, string name, string value) =>
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    public static void Attribute(NodeProto node, string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        node.Attribute.Add(attribute);
    }

    public static void Attribute(NodeProto node, string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        node.Attribute.Add(attribute);
    }

    public static void Attribute(NodeProto node, string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        node.Attribute.Add(attribute);
    }

    /// <summary>A tensor-valued attribute of doubles (the <c>_as_tensor</c> attributes of ONNX-ML opset 3).</summary>
    public static void DoubleTensorAttribute(NodeProto node, string name, IEnumerable<double> values)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Double };
        tensor.DoubleData.AddRange(values);
        tensor.Dims.Add(tensor.DoubleData.Count);
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
    }

    private string Fresh(string hint) => $"{hint}_{_next++}";

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, int? columns, string? doc)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        if (columns is { } c)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = c });
        }

        return new ValueInfoProto
        {
            Name = name,
            DocString = doc ?? "",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
