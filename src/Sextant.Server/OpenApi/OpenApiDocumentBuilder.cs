using System.Text.Json.Nodes;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Server.OpenApi;

/// <summary>
/// Writes the OpenAPI 3.0 document of the server from the served model's feature schema: the request contract
/// (types, enums from <c>allowed</c>, minimum/maximum, required, nullable) is the schema, never a copy of it.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public static JsonObject Build(Predictor? predictor)
    {
        var schema = predictor?.Schema;
        var title = predictor is null ? "Sextant (no model loaded)" : $"Sextant: {predictor.Artifact.Name} v{predictor.Version}";
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = title,
                ["version"] = predictor is null ? "0" : predictor.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["description"] = "Predictions validated against the model's feature schema. Errors are RFC 7807 problem details.",
            },
            ["paths"] = new JsonObject
            {
                ["/predict"] = Post("Predict one record", "Predict", Ref("Features"), Ref("PredictResponse"), "A flat JSON object of features; {\"features\": {...}, \"request_id\": \"...\"} is accepted too."),
                ["/predict/batch"] = Post("Predict a batch of records, in order", "PredictBatch", new JsonObject { ["type"] = "array", ["items"] = Ref("Features") }, Ref("BatchResponse"), "One bad record fails the batch with each bad record's index and problems."),
                ["/explain"] = Post("Explain one record's prediction", "Explain", Ref("Features"), Ref("ExplainResponse"),
                    "Exact path-dependent TreeSHAP for tree models, coefficient x (value - training mean) for linear models; one-hot columns are summed back into their feature. base_value + sum(contributions) = raw_prediction, reported as 'check'."),
                ["/health"] = Get("Liveness", "Health"),
                ["/ready"] = Get("Readiness: a model is loaded and the store answers (503 otherwise)", "Ready"),
                ["/model"] = Get("The served model: name, version, metrics and schema", "GetModel"),
                ["/metrics"] = Get("Prometheus text exposition", "Metrics"),
                ["/invocations"] = Post("MLflow scoring", "MlflowInvocations", new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "One of dataframe_split {columns, data}, dataframe_records [records], instances [records], inputs (records or columns); or a text/csv body with a header.",
                }, new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["predictions"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject() } } },
                    "MLflow 2 scoring formats; the same validation as /predict."),
                ["/v2/health/live"] = Get("Open Inference Protocol: liveness", "OipLive"),
                ["/v2/health/ready"] = Get("Open Inference Protocol: readiness", "OipReady"),
                ["/v2/models/{name}"] = Get("Open Inference Protocol: model metadata (inputs, outputs)", "OipModelMetadata", PathParameter("name", "string")),
                ["/v2/models/{name}/infer"] = Post("Open Inference Protocol: inference", "OipInfer", new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "{\"id\": \"...\", \"inputs\": [{\"name\": FEATURE, \"shape\": [N], \"datatype\": \"FP64\"|\"BYTES\", \"data\": [...]}]}",
                }, new JsonObject { ["type"] = "object" }, "One tensor per feature; outputs: prediction (and interval bounds) or label and probability."),
                ["/feedback"] = Post("Actual values of served predictions, joined to the prediction log by request_id", "Feedback", new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "One item {\"request_id\": \"...\", \"actual\": 123.4 or \"label\"}, an array of them, or {\"items\": [...]}. ?skip_unknown=true stores the known ids.",
                    ["properties"] = new JsonObject { ["request_id"] = Str(), ["actual"] = new JsonObject() },
                }, new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["received"] = new JsonObject { ["type"] = "integer" }, ["recorded"] = new JsonObject { ["type"] = "integer" }, ["corrected"] = new JsonObject { ["type"] = "integer" },
                        ["unknown"] = new JsonObject { ["type"] = "array", ["items"] = Str() },
                    },
                }, "A malformed item or an unknown id refuses the whole batch (422, every problem and unknown id listed)."),
                ["/forecast"] = Post("Points and intervals from a registered forecast version", "Forecast", new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["horizon"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000, ["description"] = "Steps ahead (default: forecast.horizon)." },
                        ["segment"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = Str(), ["description"] = "The segment columns' values, e.g. {\"Category\": \"Fruit\"}; omit for a single series." },
                        ["level"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0, ["exclusiveMaximum"] = 100 } },
                        ["version"] = new JsonObject { ["type"] = "integer" },
                        ["alias"] = Str(),
                    },
                }, new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["model"] = Str(), ["version"] = new JsonObject { ["type"] = "integer" }, ["segment"] = new JsonObject { ["type"] = "object" }, ["method"] = Str(), ["model_name"] = Str(),
                        ["frequency"] = Str(), ["last_observed"] = Str(),
                        ["points"] = new JsonObject
                        {
                            ["type"] = "array",
                            ["items"] = new JsonObject
                            {
                                ["type"] = "object",
                                ["properties"] = new JsonObject { ["time"] = Str(), ["mean"] = new JsonObject { ["type"] = "number" }, ["lower"] = new JsonObject { ["type"] = "object" }, ["upper"] = new JsonObject { ["type"] = "object" } },
                            },
                        },
                        ["holdout"] = new JsonObject { ["type"] = "object", ["description"] = "The segment's accuracy on the version's held-out periods." },
                    },
                }, "404 without a forecast version or for an unknown segment; 422 when the segment has too little data."),
                ["/risk"] = Get("GARCH(1,1) of a forecast segment's log returns: estimates, volatility, VaR and CVaR at 95% and 99%", "Risk",
                    Query("segment", "COLUMN=value (repeatable)"), Query("version", "forecast version", "integer"), Query("alias", "alias"), Query("distribution", "normal or t"), Query("horizon", "volatility forecast steps", "integer")),
                ["/monitoring/drift"] = Get("Drift and realised performance of the logged predictions, computed now (changes no alert)", "GetDrift",
                    Query("version", "model version", "integer"), Query("alias", "alias"), Query("since", "ISO date-time"), Query("until", "ISO date-time"), Query("last", "newest rows", "integer")),
                ["/monitoring/alerts"] = Get("Active alerts, newest first", "ListAlerts", Query("all", "include resolved", "boolean"), Query("limit", "most alerts", "integer")),
                ["/runs"] = Get("Tracked runs, filtered and ordered", "ListRuns",
                    Query("filter", "e.g. metrics.rmse < 300 AND (params.learner = 'gbm' OR tags.team IN ('a', 'b'))"), Query("order_by", "e.g. metrics.rmse ASC"), Query("limit", "most runs (default 100)", "integer")),
                ["/runs/{id}"] = Get("One run with everything it recorded", "GetRun", PathParameter("id", "string")),
                ["/registry"] = Get("Aliases (alias -> version) and every version", "GetRegistry"),
                ["/registry/versions/{version}"] = Get("One version with its aliases and promotion decisions", "GetVersion", PathParameter("version", "integer")),
                ["/registry/history"] = Get("Alias changes; with 'at', the version each alias held then", "GetAliasHistory", Query("alias", "one alias"), Query("at", "ISO date-time")),
                ["/registry/decisions"] = Get("Every promotion decision with its criteria", "GetDecisions"),
                ["/registry/promote"] = AdminPost("Run the promotion gate and move the alias if it passes (admin key)", "Promote", new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("version", "alias"),
                    ["properties"] = new JsonObject
                    {
                        ["version"] = new JsonObject { ["type"] = "integer" }, ["alias"] = Str(), ["reason"] = Str(), ["force"] = new JsonObject { ["type"] = "boolean" },
                    },
                }),
                ["/registry/rollback"] = AdminPost("Move an alias back through its history (admin key)", "Rollback", new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("alias"),
                    ["properties"] = new JsonObject { ["alias"] = Str(), ["steps"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, ["reason"] = Str() },
                }),
            },
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject
                {
                    ["Features"] = Features(schema),
                    ["PredictResponse"] = PredictResponse(schema, predictor?.Artifact.Interval),
                    ["BatchResponse"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["predictions"] = new JsonObject { ["type"] = "array", ["items"] = Ref("PredictResponse") },
                            ["model_version"] = new JsonObject { ["type"] = "integer" },
                        },
                    },
                    ["ExplainResponse"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["prediction"] = new JsonObject { ["type"] = "number" },
                            ["label"] = Str(),
                            ["base_value"] = new JsonObject { ["type"] = "number", ["description"] = "The expected raw prediction over the training rows." },
                            ["raw_prediction"] = new JsonObject { ["type"] = "number", ["description"] = "What base_value and the contributions add up to, in 'scale'." },
                            ["scale"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("value", "log_odds", "probability") },
                            ["contributions"] = new JsonObject
                            {
                                ["type"] = "array",
                                ["items"] = new JsonObject
                                {
                                    ["type"] = "object",
                                    ["properties"] = new JsonObject { ["feature"] = Str(), ["value"] = Str("The record's value; null when missing."), ["contribution"] = new JsonObject { ["type"] = "number" } },
                                },
                            },
                            ["check"] = new JsonObject { ["type"] = "number", ["description"] = "base_value + sum(contributions) - raw_prediction: zero up to rounding." },
                            ["model_name"] = Str(),
                            ["model_version"] = new JsonObject { ["type"] = "integer" },
                            ["request_id"] = Str(),
                            ["latency_ms"] = new JsonObject { ["type"] = "number" },
                            ["warnings"] = new JsonObject { ["type"] = "array", ["items"] = Str() },
                        },
                    },
                    ["ValidationProblem"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["type"] = Str(), ["title"] = Str(), ["status"] = new JsonObject { ["type"] = "integer" }, ["detail"] = Str(),
                            ["errors"] = new JsonObject
                            {
                                ["type"] = "array",
                                ["items"] = new JsonObject
                                {
                                    ["type"] = "object",
                                    ["properties"] = new JsonObject { ["feature"] = Str(), ["type"] = Str("missing, type, range, allowed, unknown_field"), ["message"] = Str(), ["received"] = Str(), ["index"] = new JsonObject { ["type"] = "integer" } },
                                },
                            },
                        },
                    },
                },
            },
        };
    }

    private static JsonObject Features(FeatureSchema? schema)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var feature in schema?.Features ?? [])
        {
            var property = feature.Type switch
            {
                FeatureKind.Numeric => new JsonObject { ["type"] = "number" },
                FeatureKind.Date => new JsonObject { ["type"] = "string", ["description"] = $"A date in one of: {string.Join(", ", schema!.DateFormats)}" },
                _ => new JsonObject { ["type"] = "string" },
            };
            if (feature.Min is { } min)
            {
                property["minimum"] = min;
            }

            if (feature.Max is { } max)
            {
                property["maximum"] = max;
            }

            if (feature.Allowed is { } allowed)
            {
                property["enum"] = new JsonArray([.. allowed.Select(a => (JsonNode)JsonValue.Create(a))]);
            }

            if (feature.Nullable)
            {
                property["nullable"] = true;
            }

            if (feature.Description is not null)
            {
                property["description"] = feature.Description;
            }

            properties[feature.Name] = property;
            if (feature.Required)
            {
                required.Add(feature.Name);
            }
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = true,
            ["description"] = "Unknown fields are ignored and reported in 'warnings'.",
        };
    }

    private static JsonObject PredictResponse(FeatureSchema? schema, PredictionInterval? interval)
    {
        var properties = new JsonObject
        {
            ["prediction"] = new JsonObject { ["type"] = "number" },
            ["model_name"] = Str(),
            ["model_version"] = new JsonObject { ["type"] = "integer" },
            ["request_id"] = Str(),
            ["latency_ms"] = new JsonObject { ["type"] = "number" },
            ["warnings"] = new JsonObject { ["type"] = "array", ["items"] = Str() },
        };
        if (schema?.Task == ProjectTask.Classification)
        {
            properties["label"] = Str();
            properties["probability"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 };
        }

        if (interval is not null)
        {
            var percent = interval.Coverage.ToString("P0", System.Globalization.CultureInfo.InvariantCulture);
            properties[interval.LowerName] = new JsonObject { ["type"] = "number", ["description"] = $"Lower bound of the {percent} {interval.Method} interval." };
            properties[interval.UpperName] = new JsonObject { ["type"] = "number", ["description"] = $"Upper bound of the {percent} {interval.Method} interval." };
            properties["interval_coverage"] = new JsonObject { ["type"] = "number" };
            properties["interval_method"] = Str();
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    private static JsonObject Post(string summary, string operationId, JsonNode request, JsonNode response, string description) => new()
    {
        ["post"] = new JsonObject
        {
            ["summary"] = summary,
            ["description"] = description,
            ["operationId"] = operationId,
            ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = request } } },
            ["responses"] = new JsonObject
            {
                ["200"] = Json("Predicted", response),
                ["400"] = Json("Invalid input: every problem is listed", Ref("ValidationProblem"), "application/problem+json"),
                ["503"] = new JsonObject { ["description"] = "No model is loaded" },
            },
        },
    };

    private static JsonObject Get(string summary, string operationId, params JsonObject[] parameters)
    {
        var operation = new JsonObject { ["summary"] = summary, ["operationId"] = operationId, ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } } };
        if (parameters.Length > 0)
        {
            operation["parameters"] = new JsonArray(parameters);
        }

        return new JsonObject { ["get"] = operation };
    }

    private static JsonObject Query(string name, string description, string type = "string") => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = new JsonObject { ["type"] = type },
    };

    private static JsonObject PathParameter(string name, string type) => new()
    {
        ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = type },
    };

    private static JsonObject AdminPost(string summary, string operationId, JsonObject request) => new()
    {
        ["post"] = new JsonObject
        {
            ["summary"] = summary,
            ["operationId"] = operationId,
            ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = request } } },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "The decision (promote) or the events (rollback)" },
                ["400"] = new JsonObject { ["description"] = "Refused: unknown version, bad alias, nothing to roll back" },
                ["401"] = new JsonObject { ["description"] = "No valid admin X-API-Key" },
                ["403"] = new JsonObject { ["description"] = "Admin endpoints are not enabled" },
                ["409"] = new JsonObject { ["description"] = "Another writer moved the alias meanwhile" },
            },
        },
    };

    private static JsonObject Json(string description, JsonNode schema, string mediaType = "application/json") => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Str(string? description = null) =>
        description is null ? new JsonObject { ["type"] = "string" } : new JsonObject { ["type"] = "string", ["description"] = description };
}
