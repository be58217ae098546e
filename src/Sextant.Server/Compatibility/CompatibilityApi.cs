using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Server.Security;

namespace Sextant.Server.Compatibility;

/// <summary>
/// The scoring contracts existing clients already speak: MLflow's <c>POST /invocations</c> (dataframe_split,
/// dataframe_records, instances, inputs, text/csv) and the Open Inference Protocol v2 (KServe, Triton, Seldon).
/// Same validation, model and metrics as <c>/predict</c>.
/// </summary>
public static class CompatibilityApi
{
    public static IEndpointRouteBuilder MapCompatibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/invocations", InvocationsAsync).WithName("MlflowInvocations").WithTags("Compatibility")
            .WithSummary("MLflow scoring: {\"dataframe_split\"}, {\"dataframe_records\"}, {\"instances\"}, {\"inputs\"} or text/csv -> {\"predictions\": [...]}.")
            .RequirePredictionKey().RequireRateLimiting(PredictionApi.RateLimitPolicy);
        var v2 = app.MapGroup("/v2").WithTags("Compatibility");
        v2.MapGet("/health/live", () => TypedResults.Ok(new { live = true })).WithName("OipLive");
        v2.MapGet("/health/ready", (ModelHost host) => host.Current is null
            ? Results.Json(new { ready = false }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Ok(new { ready = true })).WithName("OipReady");
        v2.MapGet("/models/{name}", ModelMetadata).WithName("OipModelMetadata");
        v2.MapGet("/models/{name}/ready", (ModelHost host, string name) => host.Current is { } p && p.Artifact.Name == name
            ? Results.Ok(new { name, ready = true })
            : Results.Json(new { name, ready = false }, statusCode: StatusCodes.Status503ServiceUnavailable)).WithName("OipModelReady");
        v2.MapPost("/models/{name}/infer", InferAsync).WithName("OipInfer").RequirePredictionKey().RequireRateLimiting(PredictionApi.RateLimitPolicy);
        return app;
    }

    private static async Task<IResult> InvocationsAsync(HttpRequest request, ModelHost host, Metrics.ServerMetrics metrics, CancellationToken cancellationToken)
    {
        if (host.Current is not { } predictor)
        {
            return MlflowError(StatusCodes.Status503ServiceUnavailable, "No model is loaded.");
        }

        List<JsonNode?> records;
        try
        {
            records = request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true
                ? [.. await ReadCsvAsync(request, predictor.Schema)]
                : ReadMlflowJson((await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken)) as JsonObject);
        }
        catch (Exception ex) when (ex is JsonException or SextantException or CsvFormatException or InvalidOperationException)
        {
            return MlflowError(StatusCodes.Status400BadRequest, ex.Message);
        }

        var (predictions, problems) = ScoringBatch.Score(predictor, records);
        if (predictions is null)
        {
            foreach (var p in problems)
            {
                metrics.RecordValidationFailure(p.Type);
            }

            return MlflowError(StatusCodes.Status400BadRequest, $"{problems.Count} problem(s) in the input; nothing was predicted.", problems);
        }

        metrics.RecordPredictions(predictor.Artifact.Name, predictor.Version, predictions.Count);
        var classification = predictor.Schema.Task == ProjectTask.Classification;
        // MLflow answers {"predictions": [...]}: labels for a classifier (probabilities beside them), numbers for a regressor.
        return Results.Json(classification
            ? new { predictions = predictions.Select(p => (object?)p.Label).ToList(), probabilities = predictions.Select(p => p.Value).ToList() }
            : (object)new { predictions = predictions.Select(p => (object?)p.Value).ToList(), probabilities = (List<double>?)null });
    }

    // One of MLflow 2's JSON input shapes; anything else is a clear 400.
    private static List<JsonNode?> ReadMlflowJson(JsonObject? body)
    {
        if (body is null)
        {
            throw new SextantException("Expected a JSON object with one of: dataframe_split, dataframe_records, instances, inputs.");
        }

        if (body["dataframe_split"] is JsonObject split)
        {
            var columns = (split["columns"] as JsonArray ?? throw new SextantException("dataframe_split needs 'columns'.")).Select(c => c?.GetValue<string>() ?? "").ToList();
            var data = split["data"] as JsonArray ?? throw new SextantException("dataframe_split needs 'data'.");
            return [.. data.Select((row, i) =>
            {
                var cells = row as JsonArray ?? throw new SextantException($"dataframe_split row {i} is not an array.");
                if (cells.Count != columns.Count)
                {
                    throw new SextantException($"dataframe_split row {i} has {cells.Count} values for {columns.Count} columns.");
                }

                var record = new JsonObject();
                for (var c = 0; c < columns.Count; c++)
                {
                    record[columns[c]] = cells[c]?.DeepClone();
                }

                return (JsonNode?)record;
            })];
        }

        if ((body["dataframe_records"] ?? body["instances"]) is JsonArray rows)
        {
            return [.. rows];
        }

        switch (body["inputs"] ?? body["instances"])
        {
            case JsonArray inputs:
                return [.. inputs];
            case JsonObject columns:
                return [.. ScoringBatch.FromColumns([.. columns.Select(kv => (kv.Key, (IReadOnlyList<JsonNode?>)(kv.Value as JsonArray ?? new JsonArray(kv.Value?.DeepClone())).ToList()))])];
            default:
                throw new SextantException("Expected one of: dataframe_split, dataframe_records, instances, inputs (MLflow 2 scoring formats), or a text/csv body.");
        }
    }

    private static async Task<List<JsonNode?>> ReadCsvAsync(HttpRequest request, FeatureSchema schema)
    {
        using var body = new StreamReader(request.Body);
        var text = await body.ReadToEndAsync();
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = true, SkipEmptyLines = true, MalformedData = CsvMalformedDataHandling.Throw });
        var records = new List<JsonNode?>();
        string[]? header = null;
        while (reader.Read())
        {
            header ??= [.. reader.Headers.Select(h => h.Trim())];
            if (reader.FieldCount != header.Length)
            {
                throw new SextantException($"CSV row {records.Count + 1} has {reader.FieldCount} fields for {header.Length} columns.");
            }

            var record = new JsonObject();
            for (var c = 0; c < header.Length; c++)
            {
                record[header[c]] = ScoringBatch.Cell(schema, header[c], reader.GetString(c));
            }

            records.Add(record);
        }

        return header is null ? throw new SextantException("The CSV body needs a header row naming the features and at least one row.") : records;
    }

    private static IResult MlflowError(int status, string message, IReadOnlyList<ValidationProblem>? errors = null) =>
        Results.Problem(title: status == 503 ? "No model loaded" : "Invalid input", detail: message, statusCode: status, extensions: new Dictionary<string, object?>
        {
            // MLflow clients read error_code and message; everyone else reads the RFC 7807 fields.
            ["error_code"] = status == 503 ? "TEMPORARILY_UNAVAILABLE" : "BAD_REQUEST",
            ["message"] = message,
            ["errors"] = errors,
        });

    private static Results<Ok<object>, ProblemHttpResult> ModelMetadata(ModelHost host, string name)
    {
        if (host.Current is not { } predictor || predictor.Artifact.Name != name)
        {
            return TypedResults.Problem(title: "Unknown model", detail: $"This server serves '{host.Current?.Artifact.Name ?? "(none)"}', not '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok<object>(new
        {
            name,
            versions = new[] { predictor.Version.ToString(CultureInfo.InvariantCulture) },
            platform = "sextant",
            inputs = predictor.Schema.Features.Select(f => new { name = f.Name, datatype = f.Type == FeatureKind.Numeric ? "FP64" : "BYTES", shape = new[] { -1 } }),
            outputs = Outputs(predictor).Select(o => new { name = o.Name, datatype = o.Datatype, shape = new[] { -1 } }),
        });
    }

    private static async Task<IResult> InferAsync(HttpRequest request, ModelHost host, Metrics.ServerMetrics metrics, string name, CancellationToken cancellationToken)
    {
        if (host.Current is not { } predictor)
        {
            return Results.Problem(title: "No model loaded", detail: host.LoadError, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (predictor.Artifact.Name != name)
        {
            return Results.Problem(title: "Unknown model", detail: $"This server serves '{predictor.Artifact.Name}', not '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        JsonObject body;
        List<JsonObject> records;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject ?? throw new SextantException("The body must be a JSON object with 'inputs'.");
            var inputs = body["inputs"] as JsonArray ?? throw new SextantException("An inference request needs 'inputs': [{\"name\", \"shape\", \"datatype\", \"data\"}, ...].");
            records = ScoringBatch.FromColumns([.. inputs.Select((input, i) =>
            {
                var tensor = input as JsonObject ?? throw new SextantException($"inputs[{i}] is not an object.");
                var tensorName = tensor["name"]?.GetValue<string>() ?? throw new SextantException($"inputs[{i}] has no 'name'.");
                var data = tensor["data"] as JsonArray ?? throw new SextantException($"input '{tensorName}' has no 'data' array.");
                return (tensorName, (IReadOnlyList<JsonNode?>)[.. data]);
            })]);
        }
        catch (Exception ex) when (ex is JsonException or SextantException or InvalidOperationException)
        {
            return Results.Problem(title: "Invalid inference request", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var (predictions, problems) = ScoringBatch.Score(predictor, records);
        if (predictions is null)
        {
            foreach (var p in problems)
            {
                metrics.RecordValidationFailure(p.Type);
            }

            return Results.Problem(title: "Invalid features", detail: $"{problems.Count} problem(s); each names the row index and feature.", statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = problems });
        }

        metrics.RecordPredictions(predictor.Artifact.Name, predictor.Version, predictions.Count);
        return Results.Json(new
        {
            model_name = name,
            model_version = predictor.Version.ToString(CultureInfo.InvariantCulture),
            id = body["id"]?.GetValue<string>(),
            outputs = Outputs(predictor).Select(o => new { name = o.Name, datatype = o.Datatype, shape = new[] { predictions.Count }, data = predictions.Select(o.Value).ToList() }),
        });
    }

    // The output tensors: the prediction, the interval bounds by percentile name, and for classification the label.
    private static List<(string Name, string Datatype, Func<Prediction, object?> Value)> Outputs(Predictor predictor)
    {
        var outputs = new List<(string, string, Func<Prediction, object?>)>();
        if (predictor.Schema.Task == ProjectTask.Classification)
        {
            outputs.Add(("label", "BYTES", p => p.Label));
            outputs.Add(("probability", "FP64", p => p.Value));
            return outputs;
        }

        outputs.Add(("prediction", "FP64", p => p.Value));
        if (predictor.Artifact.Interval is { } interval)
        {
            outputs.Add((interval.LowerName, "FP64", p => p.Lower));
            outputs.Add((interval.UpperName, "FP64", p => p.Upper));
        }

        return outputs;
    }
}
