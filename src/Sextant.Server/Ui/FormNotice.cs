using Sextant.Registry;

namespace Sextant.Server.Ui;

/// <summary>What a dashboard form did (registry moves, alert changes), shown above its page: done or refused, why, and the gate's decision when one ran.</summary>
public sealed record FormNotice(bool Succeeded, string Title, string Detail)
{
    public PromotionDecision? Decision { get; init; }

    public static FormNotice Done(string title, string detail) => new(true, title, detail);

    public static FormNotice Refused(string title, string detail) => new(false, title, detail);

    public static FormNotice From(PromotionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var d = outcome.Decision;
        return outcome.Event is not null
            ? new FormNotice(true, $"Promoted v{d.CandidateVersion} to '{d.Alias}'{(d.Forced ? " (forced)" : "")}", d.Reason) { Decision = d }
            : new FormNotice(false, $"The gate refused v{d.CandidateVersion} for '{d.Alias}'", d.Reason) { Decision = d };
    }
}
