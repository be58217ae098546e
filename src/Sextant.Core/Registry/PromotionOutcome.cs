namespace Sextant.Registry;

/// <summary>What a promotion did: the stored decision and, when the alias moved, the history event.</summary>
public sealed record PromotionOutcome(PromotionDecision Decision, AliasEvent? Event);
