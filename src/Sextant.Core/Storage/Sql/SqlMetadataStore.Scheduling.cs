using Sextant.Scheduling;

namespace Sextant.Storage.Sql;

// Claims of scheduled runs: the primary key (job, slot) lets one writer of any process win each occurrence.
public abstract partial class SqlMetadataStore
{
    public async Task<bool> ClaimScheduledRunAsync(string job, DateTimeOffset slot, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var claimed = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """
                INSERT INTO scheduled_runs (job, slot, claimed_by, claimed_at) VALUES (@job, @slot, @owner, @at) ON CONFLICT (job, slot) DO NOTHING
                """, ("@job", job), ("@slot", Timestamp(slot)), ("@owner", owner), ("@at", Timestamp(Time.GetUtcNow())));
            claimed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return claimed == 1;
    }

    public async Task FinishScheduledRunAsync(string job, DateTimeOffset slot, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE scheduled_runs SET finished_at = @at, error = @error WHERE job = @job AND slot = @slot", cancellationToken,
            ("@at", Timestamp(Time.GetUtcNow())), ("@error", error), ("@job", job), ("@slot", Timestamp(slot))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ScheduledRunRecord>> ListScheduledRunsAsync(string job, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT job, slot, claimed_by, claimed_at, finished_at, error FROM scheduled_runs WHERE job = @job ORDER BY slot DESC LIMIT @limit", ("@job", job), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<ScheduledRunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ScheduledRunRecord(
                reader.GetString(0), ReadTimestamp(reader, 1), reader.GetString(2), ReadTimestamp(reader, 3),
                reader.IsDBNull(4) ? null : ReadTimestamp(reader, 4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return runs;
    }
}
