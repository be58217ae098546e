using Sextant.Monitoring;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Drift;
using Sextant.Monitoring.Feedback;
using Sextant.Monitoring.Window;
using Sextant.Registry;
using Sextant.Scheduling;
using Sextant.Tracking;

namespace Sextant.Storage;

/// <summary>
/// The transactional store of runs and the model registry. Two implementations share one SQL core:
/// <see cref="Sql.SqliteMetadataStore"/> (the default, in the project's <c>.sextant/sextant.db</c>) and
/// <see cref="Sql.PostgresMetadataStore"/> for teams. Every write is a transaction; version numbers and aliases are
/// guarded by unique constraints and optimistic checks, so concurrent processes never lose a write.
/// </summary>
public interface IMetadataStore : IAsyncDisposable
{
    /// <summary>Where the store is, for messages (passwords hidden).</summary>
    string Location { get; }

    /// <summary>A cheap round trip, for readiness checks.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    // Tracking

    Task<RunInfo> StartRunAsync(NewRun run, CancellationToken cancellationToken = default);

    Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default);

    Task LogMetricsAsync(string runId, IReadOnlyDictionary<string, double> metrics, long step = 0, CancellationToken cancellationToken = default);

    Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    Task LogArtifactAsync(string runId, string name, string sha256, long bytes, CancellationToken cancellationToken = default);

    /// <summary>Ends a run; records the learner and the registered model version when known.</summary>
    Task<RunInfo> EndRunAsync(string runId, RunStatus status, string? learner = null, int? modelVersion = null, string? error = null, CancellationToken cancellationToken = default);

    /// <summary>A run by id or unique id prefix, with everything logged; null when absent.</summary>
    Task<RunInfo?> GetRunAsync(string runIdOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>Every logged value of a metric, by step.</summary>
    Task<IReadOnlyList<MetricPoint>> MetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default);

    /// <summary>Runs of a project matching a filter expression (see <c>Sextant.Tracking.Filters</c>), ordered, limited.</summary>
    Task<IReadOnlyList<RunInfo>> SearchRunsAsync(string project, string? filter = null, string? orderBy = null, int limit = 100, CancellationToken cancellationToken = default);

    // Registry

    /// <summary>Registers the next version (1, 2, 3...) of a model; safe under concurrent writers.</summary>
    Task<ModelVersionInfo> RegisterVersionAsync(NewModelVersion version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>All versions of a model, oldest first.</summary>
    Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string model, CancellationToken cancellationToken = default);

    Task SetVersionTagAsync(string model, int version, string key, string value, CancellationToken cancellationToken = default);

    Task DescribeVersionAsync(string model, int version, string description, CancellationToken cancellationToken = default);

    /// <summary>Each alias of a model and the version it points to.</summary>
    Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an alias and appends the event, in one transaction. Throws <see cref="RegistryConflictException"/>
    /// when the alias no longer points where <see cref="AliasChange.ExpectedVersion"/> says.
    /// </summary>
    Task<AliasEvent> MoveAliasAsync(AliasChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until any process moves an alias of any model, or <paramref name="timeout"/> passes: true when a move was
    /// signalled (PostgreSQL LISTEN/NOTIFY, at once on commit), false on the timeout (SQLite has no signal: callers poll).
    /// One waiter per store.
    /// </summary>
    Task<bool> WaitForAliasChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>The alias history of a model (one alias or all), oldest first.</summary>
    Task<IReadOnlyList<AliasEvent>> AliasHistoryAsync(string model, string? alias = null, CancellationToken cancellationToken = default);

    /// <summary>Stores a promotion decision and returns it with its id.</summary>
    Task<PromotionDecision> RecordDecisionAsync(PromotionDecision decision, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PromotionDecision>> ListDecisionsAsync(string model, CancellationToken cancellationToken = default);

    // Prediction log

    /// <summary>Appends served predictions in one transaction; a request id already logged is skipped. Returns how many were new.</summary>
    Task<int> LogPredictionsAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Whether a prediction with this request id was logged.</summary>
    Task<bool> PredictionLoggedAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>The newest logged predictions of a model, newest first.</summary>
    Task<IReadOnlyList<PredictionRecord>> RecentPredictionsAsync(string model, int limit = 100, CancellationToken cancellationToken = default);

    // Feedback

    /// <summary>
    /// Stores the actual value of each item on its logged prediction, in one transaction (a later item for the same id
    /// corrects an earlier one). Ids no prediction has are returned in <see cref="FeedbackResult.Unknown"/>; unless
    /// <paramref name="skipUnknown"/>, any unknown id means nothing at all is stored.
    /// </summary>
    Task<FeedbackResult> RecordFeedbackAsync(IReadOnlyList<FeedbackItem> items, bool skipUnknown = false, CancellationToken cancellationToken = default);

    /// <summary>The logged predictions of a window that have an actual value (the window's times are prediction times).</summary>
    Task<LabelledPredictions> ReadLabelledPredictionsAsync(PredictionWindowQuery query, CancellationToken cancellationToken = default);

    /// <summary>The requests of a window (model, version, alias, times; not <c>Last</c>) refused for breaking declared schema rules.</summary>
    Task<RefusedRequests> CountRefusedAsync(PredictionWindowQuery query, CancellationToken cancellationToken = default);

    /// <summary>The features (as logged, JSON) and actual value of every labelled prediction of a model, oldest first; from <paramref name="since"/> when given.</summary>
    Task<IReadOnlyList<(string Features, string Actual)>> ReadLabelledFeaturesAsync(string model, DateTimeOffset? since = null, CancellationToken cancellationToken = default);

    // Monitoring

    /// <summary>Stores (or replaces) the reference profile of a registered model version.</summary>
    Task SaveReferenceProfileAsync(string model, int version, ReferenceProfile profile, CancellationToken cancellationToken = default);

    /// <summary>The stored reference profile of a model version; null when none (or of a layout this code does not read).</summary>
    Task<ReferenceProfile?> GetReferenceProfileAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>The logged predictions of a window, columnar, read from the log's blocks.</summary>
    Task<PredictionWindow> ReadPredictionWindowAsync(PredictionWindowQuery query, CancellationToken cancellationToken = default);

    // Alerts

    /// <summary>
    /// Opens an alert for the signal's model and kind, or updates the active (open or acknowledged) one of them with the
    /// new version, severity, features, scores and message; one statement, so concurrent checks never open two.
    /// </summary>
    Task<AlertChange> RaiseAlertAsync(AlertSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Resolves the active alert of a model and kind; null when none was active.</summary>
    Task<AlertChange?> ResolveActiveAlertAsync(string model, AlertKind kind, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acknowledges (an open alert) or resolves (an active one) alert <paramref name="id"/>; null when it is already in that state.
    /// </summary>
    /// <exception cref="AlertNotFoundException">No alert has the id.</exception>
    /// <exception cref="AlertConflictException">Acknowledging an alert that is resolved.</exception>
    Task<AlertChange?> SetAlertStateAsync(long id, AlertState state, string actor, CancellationToken cancellationToken = default);

    /// <summary>One alert; null when absent.</summary>
    Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>A model's alerts, newest first: the active ones, or all with <paramref name="includeResolved"/>.</summary>
    Task<IReadOnlyList<Alert>> ListAlertsAsync(string model, bool includeResolved = false, int limit = 100, CancellationToken cancellationToken = default);

    // Scheduled runs

    /// <summary>
    /// Claims the run of <paramref name="job"/> at <paramref name="slot"/>: true for the one caller (of any process sharing
    /// the store) that recorded it first, false for every other.
    /// </summary>
    Task<bool> ClaimScheduledRunAsync(string job, DateTimeOffset slot, string owner, CancellationToken cancellationToken = default);

    /// <summary>Records the end of a claimed run, with its error (null when it succeeded).</summary>
    Task FinishScheduledRunAsync(string job, DateTimeOffset slot, string? error, CancellationToken cancellationToken = default);

    /// <summary>The newest claimed runs of a job, newest first.</summary>
    Task<IReadOnlyList<ScheduledRunRecord>> ListScheduledRunsAsync(string job, int limit = 100, CancellationToken cancellationToken = default);
}
