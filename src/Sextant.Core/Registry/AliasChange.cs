namespace Sextant.Registry;

/// <summary>
/// A request to move an alias. <paramref name="ExpectedVersion"/> is the version the caller saw when it decided
/// (null: the alias did not exist); the store refuses the change if another writer moved the alias meanwhile.
/// </summary>
public sealed record AliasChange(
    string Model,
    string Alias,
    int ToVersion,
    int? ExpectedVersion,
    string Action,
    string Actor,
    string? Reason,
    bool Forced = false,
    long? DecisionId = null,
    long? UndoesEventId = null);
