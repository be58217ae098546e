using System.Data.Common;
using System.Text.Json;
using Sextant.Monitoring;
using Sextant.Monitoring.Drift;
using Sextant.Monitoring.Window;

namespace Sextant.Storage.Sql;

// Monitoring: reference profiles, the columnar blocks of the prediction log, alerts and feedback.
public abstract partial class SqlMetadataStore
{
    public async Task SaveReferenceProfileAsync(string model, int version, ReferenceProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(profile);
        var bytes = SextantJson.SerializeCompressed(profile);
        await WriteAsync(async (connection, transaction) =>
        {
            await RequireVersionAsync(connection, transaction, model, version, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, """
                INSERT INTO reference_profiles (model, version, source, rows, created_at, profile) VALUES (@model, @version, @source, @rows, @at, @profile)
                ON CONFLICT (model, version) DO UPDATE SET source = excluded.source, rows = excluded.rows, created_at = excluded.created_at, profile = excluded.profile
                """, cancellationToken,
                ("@model", model), ("@version", version), ("@source", profile.Source ?? ""), ("@rows", profile.Rows), ("@at", Timestamp(Time.GetUtcNow())), ("@profile", bytes)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReferenceProfile?> GetReferenceProfileAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT profile FROM reference_profiles WHERE model = @model AND version = @version", ("@model", model), ("@version", version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            var profile = SextantJson.DeserializeMaybeCompressed<ReferenceProfile>(reader.GetFieldValue<byte[]>(0));
            return profile is { Format: ReferenceProfile.CurrentFormat } ? profile : null;
        }
        catch (JsonException ex)
        {
            throw new SextantException($"The stored reference profile of {model} v{version} cannot be read ({ex.Message}); rebuild it with 'sextant monitor --rebuild-reference'.", ex);
        }
    }

    public async Task<PredictionWindow> ReadPredictionWindowAsync(PredictionWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = WindowFilter("SELECT payload FROM prediction_blocks WHERE model = @model", query, "last_at", "first_at");
        sql.Append(" ORDER BY id DESC");
        var since64 = query.Since?.UtcTicks ?? long.MinValue;
        var until64 = query.Until?.UtcTicks ?? long.MaxValue;
        var chosen = new List<(byte[] Block, int[]? Rows)>();
        var total = 0;
        await using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            // Newest block first, so "last N" stops reading as soon as it has its rows.
            while ((query.Last is null || total < query.Last) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var block = reader.GetFieldValue<byte[]>(0);
                var (rows, timeBytes) = PredictionBlock.Header(block);
                var times = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(timeBytes.Span);
                int[]? selected = null;
                var inside = 0;
                for (var i = 0; i < rows; i++)
                {
                    if (times[i] >= since64 && times[i] < until64)
                    {
                        inside++;
                    }
                }

                if (inside < rows)
                {
                    selected = new int[inside];
                    for (int i = 0, k = 0; i < rows; i++)
                    {
                        if (times[i] >= since64 && times[i] < until64)
                        {
                            selected[k++] = i;
                        }
                    }
                }

                if (query.Last is { } last && total + inside > last)
                {
                    // Keep the newest rows of the block: the ones logged last.
                    var keep = last - total;
                    selected = selected is null ? [.. Enumerable.Range(rows - keep, keep)] : selected[^keep..];
                    inside = keep;
                }

                if (inside > 0)
                {
                    chosen.Add((block, selected));
                    total += inside;
                }
            }
        }

        var builder = new PredictionWindowBuilder(query, total);
        for (var i = chosen.Count - 1; i >= 0; i--)
        {
            builder.Add(chosen[i].Block, chosen[i].Rows);
        }

        return builder.Build();
    }

    // One block per model, version and alias of the newly logged records, in the same transaction as their rows.
    private async Task WriteBlocksAsync(DbConnection connection, DbTransaction transaction, List<PredictionRecord> logged, CancellationToken cancellationToken)
    {
        if (logged.Count == 0)
        {
            return;
        }

        await using var command = Command(connection, transaction, """
            INSERT INTO prediction_blocks (model, version, alias, first_at, last_at, rows, payload) VALUES (@model, @version, @alias, @first, @last, @rows, @payload)
            """, ("@model", ""), ("@version", 0), ("@alias", null), ("@first", null), ("@last", null), ("@rows", 0), ("@payload", null));
        foreach (var group in logged.GroupBy(r => (r.Model, r.Version, r.Alias)))
        {
            var records = group.ToList();
            command.Parameters["@model"].Value = group.Key.Model;
            command.Parameters["@version"].Value = group.Key.Version;
            command.Parameters["@alias"].Value = (object?)group.Key.Alias ?? DBNull.Value;
            command.Parameters["@first"].Value = Timestamp(records.Min(r => r.At));
            command.Parameters["@last"].Value = Timestamp(records.Max(r => r.At));
            command.Parameters["@rows"].Value = records.Count;
            command.Parameters["@payload"].Value = PredictionBlock.Encode(records);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

}
