using System.Data.Common;
using System.Text.Json;
using Sextant.Monitoring.Alerts;

namespace Sextant.Storage.Sql;

// Alerts: one active (open or acknowledged) per model and kind, guarded by the partial unique index alerts_one_active.
public abstract partial class SqlMetadataStore
{
    private const string AlertColumns = "id, model, version, kind, severity, state, opened_at, updated_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, occurrences, features, scores, message";

    public async Task<AlertChange> RaiseAlertAsync(AlertSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentException.ThrowIfNullOrWhiteSpace(signal.Model);
        Alert? alert = null;
        // One statement: a concurrent check of another process updates the same row instead of opening a second alert.
        await WriteAsync(async (connection, transaction) => alert = await SingleAlertAsync(connection, transaction, $"""
            INSERT INTO alerts (model, version, kind, severity, state, opened_at, updated_at, occurrences, features, scores, message)
            VALUES (@model, @version, @kind, @severity, 'open', @at, @at, 1, @features, @scores, @message)
            ON CONFLICT (model, kind) WHERE state <> 'resolved' DO UPDATE SET version = excluded.version, severity = excluded.severity,
                updated_at = excluded.updated_at, occurrences = alerts.occurrences + 1, features = excluded.features, scores = excluded.scores,
                message = excluded.message
            RETURNING {AlertColumns}
            """, cancellationToken,
            ("@model", signal.Model), ("@version", signal.Version), ("@kind", AlertNames.Of(signal.Kind)), ("@severity", AlertNames.Of(signal.Severity)),
            ("@at", Timestamp(Time.GetUtcNow())), ("@features", JsonSerializer.Serialize(signal.Features, SextantJson.Compact)),
            ("@scores", JsonSerializer.Serialize(signal.Scores, SextantJson.Compact)), ("@message", signal.Message)).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new AlertChange(alert!.Occurrences == 1 ? AlertChangeKind.Opened : AlertChangeKind.Updated, alert);
    }

    public async Task<AlertChange?> ResolveActiveAlertAsync(string model, AlertKind kind, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Alert? alert = null;
        await WriteAsync(async (connection, transaction) => alert = await SingleAlertAsync(connection, transaction, $"""
            UPDATE alerts SET state = 'resolved', resolved_at = @at, resolved_by = @actor, updated_at = @at
            WHERE model = @model AND kind = @kind AND state <> 'resolved'
            RETURNING {AlertColumns}
            """, cancellationToken, ("@at", Timestamp(Time.GetUtcNow())), ("@actor", actor), ("@model", model), ("@kind", AlertNames.Of(kind))).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return alert is null ? null : new AlertChange(AlertChangeKind.Resolved, alert);
    }

    public async Task<AlertChange?> SetAlertStateAsync(long id, AlertState state, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var (sql, from, change) = state switch
        {
            AlertState.Acknowledged => ("state = 'acknowledged', acknowledged_at = @at, acknowledged_by = @actor", "state = 'open'", AlertChangeKind.Acknowledged),
            AlertState.Resolved => ("state = 'resolved', resolved_at = @at, resolved_by = @actor", "state <> 'resolved'", AlertChangeKind.Resolved),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "An alert can be acknowledged or resolved; only a check opens one."),
        };
        Alert? changed = null;
        Alert? current = null;
        await WriteAsync(async (connection, transaction) =>
        {
            changed = await SingleAlertAsync(connection, transaction, $"UPDATE alerts SET {sql}, updated_at = @at WHERE id = @id AND {from} RETURNING {AlertColumns}",
                cancellationToken, ("@at", Timestamp(Time.GetUtcNow())), ("@actor", actor), ("@id", id)).ConfigureAwait(false);
            current = changed ?? await SingleAlertAsync(connection, transaction, $"SELECT {AlertColumns} FROM alerts WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        if (changed is not null)
        {
            return new AlertChange(change, changed);
        }

        if (current is null)
        {
            throw new AlertNotFoundException($"No alert {id}; see 'sextant alerts list --all'.");
        }

        // Asking again for the state it is in changes nothing; acknowledging a resolved alert is refused.
        return current.State == state ? null : throw new AlertConflictException($"Alert {id} is {AlertNames.Of(current.State)}; only an open alert can be acknowledged.");
    }

    public async Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SingleAlertAsync(connection, null, $"SELECT {AlertColumns} FROM alerts WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(string model, bool includeResolved = false, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {AlertColumns} FROM alerts WHERE model = @model{(includeResolved ? "" : " AND state <> 'resolved'")} ORDER BY id DESC LIMIT @limit",
            ("@model", model), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(ReadAlert(reader));
        }

        return alerts;
    }

    private async Task<Alert?> SingleAlertAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadAlert(reader) : null;
    }

    private Alert ReadAlert(DbDataReader reader) => new()
    {
        Id = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
        Model = reader.GetString(1),
        Version = reader.IsDBNull(2) ? null : Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
        Kind = AlertNames.Parse<AlertKind>(reader.GetString(3)),
        Severity = AlertNames.Parse<AlertSeverity>(reader.GetString(4)),
        State = AlertNames.Parse<AlertState>(reader.GetString(5)),
        OpenedAt = ReadTimestamp(reader, 6),
        UpdatedAt = ReadTimestamp(reader, 7),
        AcknowledgedAt = reader.IsDBNull(8) ? null : ReadTimestamp(reader, 8),
        AcknowledgedBy = reader.IsDBNull(9) ? null : reader.GetString(9),
        ResolvedAt = reader.IsDBNull(10) ? null : ReadTimestamp(reader, 10),
        ResolvedBy = reader.IsDBNull(11) ? null : reader.GetString(11),
        Occurrences = Convert.ToInt32(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture),
        Features = JsonSerializer.Deserialize<string[]>(reader.GetString(13), SextantJson.Compact) ?? [],
        Scores = JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(14), SextantJson.Compact) ?? [],
        Message = reader.GetString(15),
    };
}
