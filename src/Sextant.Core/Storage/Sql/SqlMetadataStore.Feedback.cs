using System.Globalization;
using System.Text;
using Sextant.Monitoring.Feedback;
using Sextant.Monitoring.Window;

namespace Sextant.Storage.Sql;

// Feedback: the realised actual value of a logged prediction, and the labelled rows of a window.
public abstract partial class SqlMetadataStore
{
    // Request ids looked up per statement: well under SQLite's and PostgreSQL's parameter limits.
    private const int FeedbackLookupBatch = 500;

    public async Task<FeedbackResult> RecordFeedbackAsync(IReadOnlyList<FeedbackItem> items, bool skipUnknown = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new FeedbackResult(items.Count, 0, 0, []);
        await WriteAsync(async (connection, transaction) =>
        {
            // Which ids are logged, and which already have an actual value.
            var labelled = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var batch in items.Select(i => i.RequestId).Distinct(StringComparer.Ordinal).Chunk(FeedbackLookupBatch))
            {
                var names = batch.Select((_, i) => "@id" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
                await using var lookup = Command(connection, transaction,
                    $"SELECT request_id, actual FROM prediction_log WHERE request_id IN ({string.Join(", ", names)})",
                    [.. names.Zip(batch, (n, id) => (n, (object?)id))]);
                await using var reader = await lookup.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    labelled[reader.GetString(0)] = !reader.IsDBNull(1);
                }
            }

            var unknown = items.Select(i => i.RequestId).Where(id => !labelled.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0 && !skipUnknown)
            {
                result = result with { Unknown = unknown };
                return; // nothing written; the transaction is committed empty
            }

            var at = Timestamp(Time.GetUtcNow());
            await using var update = Command(connection, transaction, "UPDATE prediction_log SET actual = @actual, actual_at = @at WHERE request_id = @id",
                ("@actual", ""), ("@at", at), ("@id", ""));
            int recorded = 0, corrected = 0;
            foreach (var item in items)
            {
                if (!labelled.TryGetValue(item.RequestId, out var had))
                {
                    continue;
                }

                update.Parameters["@actual"].Value = item.Actual;
                update.Parameters["@id"].Value = item.RequestId;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (had)
                {
                    corrected++;
                }
                else
                {
                    recorded++;
                    labelled[item.RequestId] = true; // a second item for the same id corrects the first
                }
            }

            result = result with { Recorded = recorded, Corrected = corrected, Unknown = unknown };
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<LabelledPredictions> ReadLabelledPredictionsAsync(PredictionWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = WindowFilter("SELECT version, prediction, lower_bound, upper_bound, actual FROM prediction_log WHERE model = @model AND actual IS NOT NULL", query, "at", "at");
        sql.Append(" ORDER BY at DESC, request_id DESC");
        if (query.Last is { } last)
        {
            sql.Append(" LIMIT @last");
            parameters.Add(("@last", last));
        }

        var versions = new List<int>();
        var predictions = new List<double>();
        var lower = new List<double>();
        var upper = new List<double>();
        var actuals = new List<string>();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            predictions.Add(reader.GetDouble(1));
            lower.Add(reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2));
            upper.Add(reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3));
            actuals.Add(reader.GetString(4));
        }

        // Read newest first (for LIMIT); returned oldest first like every window.
        versions.Reverse();
        predictions.Reverse();
        lower.Reverse();
        upper.Reverse();
        actuals.Reverse();
        return new LabelledPredictions { Versions = [.. versions], Predictions = [.. predictions], Lower = [.. lower], Upper = [.. upper], Actuals = [.. actuals] };
    }

    public async Task<IReadOnlyList<(string Features, string Actual)>> ReadLabelledFeaturesAsync(string model, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var sql = "SELECT features, actual FROM prediction_log WHERE model = @model AND actual IS NOT NULL" + (since is null ? "" : " AND at >= @since") + " ORDER BY at, request_id";
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, ("@model", model), ("@since", since is { } s ? Timestamp(s) : null));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    // Refused requests go to their own table; a request id already there is skipped. Returns how many were new.
    private async Task<int> WriteRefusedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, List<Monitoring.PredictionRecord> refused, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var r in refused)
        {
            await using var command = Command(connection, transaction, """
                INSERT INTO refused_requests (request_id, model, version, alias, at, features, errors) VALUES (@id, @model, @version, @alias, @at, @features, @errors)
                ON CONFLICT (request_id) DO NOTHING
                """, ("@id", r.RequestId), ("@model", r.Model), ("@version", r.Version), ("@alias", r.Alias), ("@at", Timestamp(r.At)), ("@features", r.Features), ("@errors", r.Errors));
            added += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    public async Task<RefusedRequests> CountRefusedAsync(PredictionWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = WindowFilter("SELECT errors FROM refused_requests WHERE model = @model", query, "at", "at");

        var count = 0;
        var byFeature = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            using var errors = System.Text.Json.JsonDocument.Parse(reader.GetString(0));
            foreach (var feature in errors.RootElement.EnumerateArray().Select(e => e.TryGetProperty("feature", out var f) ? f.GetString() ?? "" : "").Distinct(StringComparer.Ordinal))
            {
                byFeature[feature] = byFeature.GetValueOrDefault(feature) + 1;
            }
        }

        return new RefusedRequests(count, byFeature);
    }

    /// <summary>
    /// A SELECT (whose WHERE names <c>@model</c>) narrowed to a window's version, alias and times: rows with
    /// <paramref name="sinceColumn"/> at or after <c>Since</c> and <paramref name="untilColumn"/> before <c>Until</c>.
    /// </summary>
    private (StringBuilder Sql, List<(string, object?)> Parameters) WindowFilter(string select, PredictionWindowQuery query, string sinceColumn, string untilColumn)
    {
        var sql = new StringBuilder(select);
        var parameters = new List<(string, object?)> { ("@model", query.Model) };
        if (query.Version is { } version)
        {
            sql.Append(" AND version = @version");
            parameters.Add(("@version", version));
        }

        if (query.Alias is { } alias)
        {
            sql.Append(" AND alias = @alias");
            parameters.Add(("@alias", alias));
        }

        if (query.Since is { } since)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {sinceColumn} >= @since");
            parameters.Add(("@since", Timestamp(since)));
        }

        if (query.Until is { } until)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {untilColumn} < @until");
            parameters.Add(("@until", Timestamp(until)));
        }

        return (sql, parameters);
    }
}
