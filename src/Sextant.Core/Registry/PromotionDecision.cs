namespace Sextant.Registry;

/// <summary>
/// The stored outcome of a promotion attempt: every criterion with its numbers and a readable reason. <c>ChampionVersion</c> is
/// the version that held the alias when the gate ran (null if none); <c>EvaluatedOn</c> says which rows both were scored on.
/// </summary>
public sealed record PromotionDecision(
    long Id,
    string Model,
    string Alias,
    int CandidateVersion,
    int? ChampionVersion,
    bool Promoted,
    bool Forced,
    IReadOnlyList<GateCriterion> Criteria,
    string Reason,
    string EvaluatedOn,
    string Actor,
    DateTimeOffset At);
