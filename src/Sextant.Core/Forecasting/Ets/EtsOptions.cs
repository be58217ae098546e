namespace Sextant.Forecasting.Ets;

/// <summary>How ETS models are fitted and chosen; the defaults are R's <c>forecast::ets</c> ones.</summary>
public sealed record EtsOptions
{
    /// <summary>The error type to consider, or <see langword="null"/> for both. <value>Default null.</value></summary>
    public EtsComponent? Error { get; init; }

    /// <summary>The trend type to consider, or <see langword="null"/> for none and additive (and multiplicative when allowed). <value>Default null.</value></summary>
    public EtsComponent? Trend { get; init; }

    /// <summary>The season type to consider, or <see langword="null"/> for all three. <value>Default null.</value></summary>
    public EtsComponent? Season { get; init; }

    /// <summary>Whether the trend is damped, or <see langword="null"/> to try both. <value>Default null.</value></summary>
    public bool? Damped { get; init; }

    /// <summary>Whether multiplicative trends are considered by the automatic choice. <value>Default false (R's).</value></summary>
    public bool AllowMultiplicativeTrend { get; init; }

    /// <summary>Lower bounds of alpha, beta, gamma and phi. <value>Default 1e-4, 1e-4, 1e-4, 0.8.</value></summary>
    public IReadOnlyList<double> Lower { get; init; } = [1e-4, 1e-4, 1e-4, 0.8];

    /// <summary>Upper bounds of alpha, beta, gamma and phi. <value>Default 0.9999, 0.9999, 0.9999, 0.98.</value></summary>
    public IReadOnlyList<double> Upper { get; init; } = [0.9999, 0.9999, 0.9999, 0.98];

    /// <summary>The parameter restrictions. <value>Default <see cref="EtsBounds.Both"/>.</value></summary>
    public EtsBounds Bounds { get; init; } = EtsBounds.Both;

    /// <summary>What the fit minimises. <value>Default <see cref="EtsCriterion.Likelihood"/>.</value></summary>
    public EtsCriterion Criterion { get; init; } = EtsCriterion.Likelihood;

    /// <summary>Steps of the in-sample multi-step mean squared errors computed (1 to 30). <value>Default 3.</value></summary>
    public int Nmse { get; init; } = 3;

    /// <summary>The most objective evaluations of the Nelder-Mead search. <value>Default 2000.</value></summary>
    public int MaxEvaluations { get; init; } = 2000;

    /// <summary>Simulated paths for the intervals of models without an analytic forecast variance. <value>Default 5000 (R's).</value></summary>
    public int SimulationPaths { get; init; } = 5000;

    /// <summary>The seed of those simulations. <value>Default 42.</value></summary>
    public int Seed { get; init; } = 42;

    /// <summary>Rejects bounds that are not four increasing pairs inside [0, 1], and out-of-range counts.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Lower is not { Count: 4 } || Upper is not { Count: 4 })
        {
            throw new ArgumentException("ETS bounds are four values each: alpha, beta, gamma, phi.");
        }

        for (var i = 0; i < 4; i++)
        {
            if (!(Lower[i] >= 0 && Lower[i] <= Upper[i] && Upper[i] <= 1))
            {
                throw new ArgumentException("Each ETS lower bound must be in [0, 1] and not above its upper bound.");
            }
        }

        if (Nmse is < 1 or > 30 || MaxEvaluations < 1 || SimulationPaths < 10)
        {
            throw new ArgumentException("nmse must be 1 to 30, evaluations at least 1 and simulation paths at least 10.");
        }

        if (Error == EtsComponent.None)
        {
            throw new ArgumentException("An ETS model always has an error term: additive or multiplicative.");
        }
    }
}
