using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Sextant.Export.Onnx.Proto;
using Sextant.Learners.GradientBoosting;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Storage;
using Sextant.Training;
using DataType = Sextant.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Sextant.Export.Onnx;

/// <summary>
/// Writes a model artifact as one ONNX file (IR 8; opsets ai.onnx 17 and ai.onnx.ml 3) with its preprocessing in the
/// graph, so that ONNX Runtime scores raw records as Sextant does:
/// <list type="bullet">
/// <item>one input per raw feature, named as in the schema, shape [N, 1]: numeric features are <c>double</c> (NaN is
/// missing), categorical ones <c>string</c> (the empty string is missing);</item>
/// <item>derived features (ratio, product, difference, sum, log) computed in double with Sextant's rule that a
/// non-finite result is missing; median imputation; standardisation; one-hot columns (<c>LabelEncoder</c> + <c>Equal</c>, an unseen
/// or missing level is all zeros) or level codes for native categorical splits (<c>LabelEncoder</c>, unseen is NaN);</item>
/// <item>ridge, OLS, lasso and elastic net as <c>MatMul</c> + <c>Add</c> in double; logistic regression adds
/// <c>Sigmoid</c>; gradient boosting and random forests as <c>TreeEnsembleRegressor</c> with double thresholds (the
/// float32 output of ONNX-ML opset 3 is the only rounding: at most 2^-24 relative), then <c>Sigmoid</c> for log-loss;
/// Platt calibration; the decision threshold;</item>
/// <item>outputs: regression <c>prediction</c> [N,1] (and the interval bounds, e.g. <c>p10</c>/<c>p90</c>, from
/// split-conformal widths or the two quantile boosting models of CQR); classification <c>label</c> [N] and
/// <c>probabilities</c> [N,2] in the order of the class labels (positive first).</item>
/// </list>
/// What ONNX cannot express is refused with an <see cref="OnnxExportException"/> naming it: date features (ONNX has
/// no date type to take a date part of) and isotonic calibration.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The producer name written in every file.</summary>
    public const string ProducerName = "sextant";

    /// <summary>The ai.onnx operator set of exported files.</summary>
    public const int Opset = OnnxGraph.Opset;

    /// <summary>The ai.onnx.ml operator set of exported files.</summary>
    public const int MlOpset = OnnxGraph.MlOpset;

    /// <summary>Exports <paramref name="artifact"/>, registered as version <paramref name="version"/>.</summary>
    /// <exception cref="OnnxExportException">A part of the model cannot be expressed in ONNX.</exception>
    public static OnnxExport Export(ModelArtifact artifact, int version)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var schema = artifact.Schema;
        var preprocessor = artifact.Preprocessor;
        CheckExpressible(artifact);

        var graph = new OnnxGraph(artifact.Name);
        var inputs = new List<OnnxTensorInfo>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in schema.Features.Where(f => f.Type != FeatureKind.Date))
        {
            var type = feature.Type == FeatureKind.Numeric ? DataType.Double : DataType.String;
            var doc = feature.Type == FeatureKind.Numeric ? "double; NaN is missing" : "string; the empty string is missing";
            sources[feature.Name] = graph.Input(feature.Name, type, feature.Description is { Length: > 0 } d ? $"{d} ({doc})" : doc);
            inputs.Add(new OnnxTensorInfo(feature.Name, type == DataType.Double ? "double" : "string", "[N,1]"));
        }

        var columns = new List<string>();
        var levelCounts = new List<int>();
        foreach (var input in preprocessor.Numeric)
        {
            var raw = sources.TryGetValue(input.Name, out var source) ? source : Derived(graph, schema.Derived.First(d => d.Name == input.Name), sources);
            var imputed = graph.Node("Where", [graph.Node("IsNaN", [raw]), graph.Scalar($"{input.Name}_median", input.Median), raw]);
            columns.Add(graph.Node("Div", [graph.Node("Sub", [imputed, graph.Scalar($"{input.Name}_mean", input.Mean)]), graph.Scalar($"{input.Name}_scale", input.Scale)]));
            levelCounts.Add(0);
        }

        foreach (var input in preprocessor.Categorical)
        {
            var source = sources[input.Name];
            var levels = input.Levels.ToArray();
            if (preprocessor.Encoding == CategoricalEncoding.Codes)
            {
                var codes = graph.Node("LabelEncoder", [source], node =>
                {
                    OnnxGraph.Attribute(node, "keys_strings", levels);
                    OnnxGraph.Attribute(node, "values_floats", levels.Select((_, k) => (float)k));
                    OnnxGraph.Attribute(node, "default_float", float.NaN);
                }, OnnxGraph.MlDomain);
                columns.Add(graph.Node("Cast", [codes], node => OnnxGraph.Attribute(node, "to", (long)DataType.Double)));
                levelCounts.Add(levels.Length);
            }
            else
            {
                // LabelEncoder to the level's index (-1 when unseen or missing), then Equal against 0..k-1: a 0/1 column
                // per level and all zeros for an unknown level. (ONNX 1.12's shape inference has no rule for OneHotEncoder.)
                var index = graph.Node("LabelEncoder", [source], node =>
                {
                    OnnxGraph.Attribute(node, "keys_strings", levels);
                    OnnxGraph.Attribute(node, "values_int64s", levels.Select((_, k) => (long)k));
                    OnnxGraph.Attribute(node, "default_int64", -1L);
                }, OnnxGraph.MlDomain);
                var hot = graph.Node("Equal", [index, graph.Int64s($"{input.Name}_levels", [.. levels.Select((_, k) => (long)k)])]);
                columns.Add(graph.Node("Cast", [hot], node => OnnxGraph.Attribute(node, "to", (long)DataType.Double)));
                levelCounts.AddRange(levels.Select(_ => 0));
            }
        }

        var features = columns.Count == 1 ? columns[0] : graph.Node("Concat", [.. columns], node => OnnxGraph.Attribute(node, "axis", 1L));
        var outputs = new List<OnnxTensorInfo>();
        var score = Score(graph, artifact, features, levelCounts);
        if (artifact.Task == ProjectTask.Classification)
        {
            ClassificationOutputs(graph, artifact, score, outputs);
        }
        else
        {
            graph.Node("Identity", [score], output: "prediction");
            graph.Output("prediction", DataType.Double, 1, $"predicted {schema.Target}");
            outputs.Add(new OnnxTensorInfo("prediction", "double", "[N,1]"));
            IntervalOutputs(graph, artifact, score, features, levelCounts, outputs);
        }

        var schemaHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(schema, SextantJson.Compact)));
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = ProducerName,
            ProducerVersion = SextantVersion,
            Domain = "ai.sextant",
            ModelVersion = version,
            DocString = $"{artifact.Name} v{version}: {artifact.Learner} ({artifact.Candidate}) predicting {schema.Target}, trained {artifact.TrainedAt:O} on {artifact.TrainRows} rows.",
            Graph = graph.Proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxGraph.Opset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxGraph.MlDomain, Version = OnnxGraph.MlOpset });
        foreach (var (key, value) in Metadata(artifact, version, schemaHash))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        var operators = graph.Proto.Node.Select(n => n.Domain.Length == 0 ? n.OpType : $"{n.Domain}.{n.OpType}").Distinct().Order(StringComparer.Ordinal).ToList();
        return new OnnxExport(model.ToByteArray(), inputs, outputs, operators, schemaHash);
    }

    /// <summary>
    /// Writes an export to <paramref name="path"/> (its folder created when needed) through a temporary file and a
    /// rename, so a failed write never leaves half a model behind; returns the full path.
    /// </summary>
    public static async Task<string> WriteFileAsync(OnnxExport export, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var temp = full + ".tmp";
        await File.WriteAllBytesAsync(temp, export.Bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, full, overwrite: true);
        return full;
    }

    /// <summary>The Sextant version written as producer version and in the metadata.</summary>
    public static string SextantVersion { get; } =
        typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static void CheckExpressible(ModelArtifact artifact)
    {
        var schema = artifact.Schema;
        foreach (var derived in schema.Derived)
        {
            if (derived.Kind == "date_part")
            {
                throw new OnnxExportException(derived.Name, $"it is the {derived.Part} of date feature '{derived.Inputs[0]}', and ONNX has no date type to parse a date or take a part of it; drop the derived feature or give the model the part as a numeric feature.");
            }

            if (derived.Kind is not ("ratio" or "product" or "difference" or "sum" or "log"))
            {
                throw new OnnxExportException(derived.Name, $"derived kind '{derived.Kind}' has no ONNX translation.");
            }
        }

        if (artifact.Calibration is { Method: not "platt" } calibration)
        {
            throw new OnnxExportException("calibration", $"'{calibration.Method}' calibration interpolates between steps, which this exporter does not write; train with Platt calibration or none.");
        }

        if (artifact.Task == ProjectTask.Classification && artifact.ClassLabels is not { Count: 2 })
        {
            throw new OnnxExportException(schema.Target, "only binary classification with two class labels is exported.");
        }
    }

    // Sextant's DerivedFeature.Compute: a non-finite result (division by zero, log of -1) is missing (NaN).
    private static string Derived(OnnxGraph graph, DerivedFeature derived, Dictionary<string, string> sources)
    {
        string Source(int i) => sources.TryGetValue(derived.Inputs[i], out var s) ? s
            : throw new OnnxExportException(derived.Name, $"input '{derived.Inputs[i]}' is not a numeric or categorical feature of the schema.");
        var value = derived.Kind switch
        {
            "ratio" => graph.Node("Div", [Source(0), Source(1)]),
            "product" => graph.Node("Mul", [Source(0), Source(1)]),
            "difference" => graph.Node("Sub", [Source(0), Source(1)]),
            "sum" => graph.Node("Add", [Source(0), Source(1)]),
            _ => graph.Node("Log", [graph.Node("Add", [graph.Scalar("one", 1), Source(0)])]),
        };
        if (derived.Kind == "log")
        {
            // Math.Log(1 + a) is NaN below -1 already; ONNX's Log of a negative number is NaN too.
            value = graph.Node("Where", [graph.Node("Less", [Source(0), graph.Scalar("minus_one", -1)]), graph.Scalar("nan", double.NaN), value]);
        }

        return graph.Node("Where", [graph.Node("IsInf", [value]), graph.Scalar("nan", double.NaN), value]);
    }

    // The model's score in double [N,1]: a regression value or the positive-class probability (calibrated).
    private static string Score(OnnxGraph graph, ModelArtifact artifact, string features, IReadOnlyList<int> levelCounts)
    {
        string score;
        if (artifact.Ridge is { } ridge)
        {
            score = Linear(graph, features, ridge.Intercept, [.. ridge.Coefficients]);
        }
        else if (artifact.Logistic is { } logistic)
        {
            score = graph.Node("Sigmoid", [Linear(graph, features, logistic.Intercept, [.. logistic.Coefficients])]);
        }
        else if (artifact.GradientBoosting is { } boosting)
        {
            score = Trees(graph, features, boosting, levelCounts);
            if (boosting.Loss == GradientBoostingLoss.LogLoss)
            {
                score = graph.Node("Sigmoid", [score]);
            }
        }
        else if (artifact.RandomForest is { } forest)
        {
            score = ToDouble(graph, OnnxTrees.Add(graph, features, forest.Ensemble, average: true, 0, levelCounts));
        }
        else
        {
            throw new OnnxExportException(artifact.Learner, "the artifact holds no learner this exporter knows.");
        }

        if (artifact.Calibration is { } calibration)
        {
            // Platt: Sigmoid(slope * logit(clamp(p, 1e-9, 1 - 1e-9)) + intercept), as ProbabilityCalibrator.Apply.
            var q = graph.Node("Min", [graph.Node("Max", [score, graph.Scalar("p_low", 1e-9)]), graph.Scalar("p_high", 1 - 1e-9)]);
            var logit = graph.Node("Log", [graph.Node("Div", [q, graph.Node("Sub", [graph.Scalar("one", 1), q])])]);
            var z = graph.Node("Add", [graph.Node("Mul", [graph.Scalar("platt_slope", calibration.Slope), logit]), graph.Scalar("platt_intercept", calibration.Intercept)]);
            score = graph.Node("Sigmoid", [z]);
        }

        return score;
    }

    private static string Trees(OnnxGraph graph, string features, GradientBoostingModel model, IReadOnlyList<int> levelCounts) =>
        ToDouble(graph, OnnxTrees.Add(graph, features, model.Trees, average: false, model.BaseScore, levelCounts));

    private static string ToDouble(OnnxGraph graph, string value) => graph.Node("Cast", [value], node => OnnxGraph.Attribute(node, "to", (long)DataType.Double));

    private static string Linear(OnnxGraph graph, string features, double intercept, double[] coefficients) =>
        graph.Node("Add", [graph.Node("MatMul", [features, graph.Doubles("coefficients", coefficients, coefficients.Length, 1)]), graph.Scalar("intercept", intercept)]);

    private static void ClassificationOutputs(OnnxGraph graph, ModelArtifact artifact, string probability, List<OnnxTensorInfo> outputs)
    {
        var labels = artifact.ClassLabels!;
        var positive = graph.Node("GreaterOrEqual", [probability, graph.Scalar("threshold", artifact.DecisionThreshold)]);
        var label = graph.Node("Where", [positive, graph.Strings("positive_label", [labels[0]]), graph.Strings("negative_label", [labels[1]])]);
        graph.Node("Reshape", [label, graph.Int64s("flat", [-1])], output: "label");
        graph.Node("Concat", [probability, graph.Node("Sub", [graph.Scalar("one", 1), probability])], node => OnnxGraph.Attribute(node, "axis", 1L), output: "probabilities");
        graph.Output("label", DataType.String, null, $"'{labels[0]}' when its probability is at least {artifact.DecisionThreshold.ToString("R", CultureInfo.InvariantCulture)}, else '{labels[1]}'");
        graph.Output("probabilities", DataType.Double, 2, $"probabilities of '{labels[0]}' and '{labels[1]}'");
        outputs.Add(new OnnxTensorInfo("label", "string", "[N]"));
        outputs.Add(new OnnxTensorInfo("probabilities", "double", "[N,2]"));
    }

    private static void IntervalOutputs(OnnxGraph graph, ModelArtifact artifact, string prediction, string features, IReadOnlyList<int> levelCounts, List<OnnxTensorInfo> outputs)
    {
        if (artifact.Interval is not { } interval)
        {
            return;
        }

        var halfWidth = graph.Scalar("half_width", interval.HalfWidth);
        string lower, upper;
        if (interval.IsAdaptive)
        {
            // CQR: each quantile model's prediction widened by the conformal correction, then to take in the prediction.
            lower = graph.Node("Min", [graph.Node("Sub", [Trees(graph, features, interval.LowerQuantile!, levelCounts), halfWidth]), prediction]);
            upper = graph.Node("Max", [graph.Node("Add", [Trees(graph, features, interval.UpperQuantile!, levelCounts), halfWidth]), prediction]);
        }
        else
        {
            lower = graph.Node("Sub", [prediction, halfWidth]);
            upper = graph.Node("Add", [prediction, halfWidth]);
        }

        var coverage = interval.Coverage.ToString("0.###", CultureInfo.InvariantCulture);
        graph.Node("Identity", [lower], output: interval.LowerName);
        graph.Node("Identity", [upper], output: interval.UpperName);
        graph.Output(interval.LowerName, DataType.Double, 1, $"lower bound of the {coverage} {interval.Method} interval");
        graph.Output(interval.UpperName, DataType.Double, 1, $"upper bound of the {coverage} {interval.Method} interval");
        outputs.Add(new OnnxTensorInfo(interval.LowerName, "double", "[N,1]"));
        outputs.Add(new OnnxTensorInfo(interval.UpperName, "double", "[N,1]"));
    }

    private static IEnumerable<(string Key, string Value)> Metadata(ModelArtifact artifact, int version, string schemaHash)
    {
        yield return ("model_name", artifact.Name);
        yield return ("model_version", version.ToString(CultureInfo.InvariantCulture));
        yield return ("schema_sha256", schemaHash);
        yield return ("schema", JsonSerializer.Serialize(artifact.Schema, SextantJson.Compact));
        yield return ("metrics", JsonSerializer.Serialize(artifact.Metrics, SextantJson.Compact));
        yield return ("sextant_version", SextantVersion);
        yield return ("task", artifact.Task == ProjectTask.Classification ? "classification" : "regression");
        yield return ("target", artifact.Schema.Target);
        yield return ("learner", artifact.Learner);
        yield return ("candidate", artifact.Candidate);
        yield return ("dataset_fingerprint", artifact.DatasetFingerprint);
        yield return ("trained_at", artifact.TrainedAt.ToString("O", CultureInfo.InvariantCulture));
        if (artifact.ClassLabels is { } labels)
        {
            yield return ("class_labels", JsonSerializer.Serialize(labels, SextantJson.Compact));
            yield return ("decision_threshold", artifact.DecisionThreshold.ToString("R", CultureInfo.InvariantCulture));
        }

        if (artifact.Interval is { } interval)
        {
            yield return ("interval", $"{interval.Method} {interval.Coverage.ToString("0.###", CultureInfo.InvariantCulture)}: {interval.LowerName}..{interval.UpperName}");
        }
    }
}
