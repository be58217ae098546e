using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sextant.Monitoring.Feedback;
using Sextant.Server.Security;

namespace Sextant.Server;

/// <summary>
/// <c>POST /feedback</c>: the realised outcome of served predictions, joined to the prediction log by request id. One
/// item (<c>{"request_id": "...", "actual": 123.4}</c>), an array of them, or <c>{"items": [...]}</c>. A malformed item or
/// an unknown id refuses the whole batch with every problem listed (422); <c>?skip_unknown=true</c> stores the known
/// ones and lists the rest.
/// </summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/feedback", RecordAsync).WithName("Feedback").WithTags("Monitoring")
            .WithSummary("Actual values of served predictions by request_id: one item, an array, or {\"items\": [...]}. ?skip_unknown=true stores the known ids and lists the others.")
            .Accepts<JsonElement>("application/json").RequirePredictionKey();
        return app;
    }

    private static async Task<Results<Ok<FeedbackResult>, ProblemHttpResult>> RecordAsync(HttpRequest http, ModelHost host, bool? skip_unknown, CancellationToken cancellationToken)
    {
        List<FeedbackItem> items;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
            items = Parse(body.RootElement);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(title: "Feedback refused", detail: $"The body is not JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (FormatException ex)
        {
            return TypedResults.Problem(title: "Feedback refused", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            return TypedResults.Ok(await FeedbackRecorder.RecordAsync(host.Project, items, skip_unknown ?? false, cancellationToken));
        }
        catch (FeedbackException ex)
        {
            return TypedResults.Problem(title: "Feedback refused", detail: ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["problems"] = ex.Problems, ["unknown_request_ids"] = ex.Unknown });
        }
    }

    private static List<FeedbackItem> Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var wrapped))
        {
            root = wrapped;
        }

        var elements = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => throw new FormatException("Send one {\"request_id\", \"actual\"} object, an array of them, or {\"items\": [...]}."),
        };
        var items = new List<FeedbackItem>(elements.Count);
        for (var i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"Item {i + 1} is a JSON {e.ValueKind.ToString().ToLowerInvariant()}, not an object with request_id and actual.");
            }

            items.Add(new FeedbackItem(Text(e, "request_id"), Text(e, "actual")));
        }

        return items;
    }

    // A string as it is, a number in invariant form, a boolean as true/false; anything else (or absent) is empty and reported by the check.
    private static string Text(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var value) ? ""
        : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => value.TryGetDouble(out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "",
        };
}
