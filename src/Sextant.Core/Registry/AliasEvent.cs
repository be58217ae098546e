namespace Sextant.Registry;

/// <summary>
/// One change of an alias, from the append-only history: which version it pointed to before and after, when, who
/// did it, why, and the promotion decision behind it.
/// </summary>
public sealed record AliasEvent(
    long Id,
    string Model,
    string Alias,
    string Action,
    int? FromVersion,
    int ToVersion,
    DateTimeOffset At,
    string Actor,
    string? Reason,
    bool Forced,
    long? DecisionId,
    long? UndoesEventId);
