using Sextant.Registry;

namespace Sextant.Server.Ui;

/// <summary>What a registry form did, shown above the registry page: moved or refused, why, and the gate's decision when one ran.</summary>
public sealed record RegistryNotice(bool Succeeded, string Title, string Detail)
{
    public PromotionDecision? Decision { get; init; }

    public static RegistryNotice Done(string title, string detail) => new(true, title, detail);

    public static RegistryNotice Refused(string title, string detail) => new(false, title, detail);

    public static RegistryNotice From(PromotionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var d = outcome.Decision;
        return outcome.Event is not null
            ? new RegistryNotice(true, $"Promoted v{d.CandidateVersion} to '{d.Alias}'{(d.Forced ? " (forced)" : "")}", d.Reason) { Decision = d }
            : new RegistryNotice(false, $"The gate refused v{d.CandidateVersion} for '{d.Alias}'", d.Reason) { Decision = d };
    }
}
