namespace Sextant.Monitoring.Drift;

/// <summary>Names and kinds of <see cref="DriftMethod"/>s as configuration spells them.</summary>
public static class DriftMethods
{
    private static readonly Dictionary<string, DriftMethod> s_names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ks"] = DriftMethod.Ks,
        ["chisquare"] = DriftMethod.ChiSquare,
        ["chi_square"] = DriftMethod.ChiSquare,
        ["z"] = DriftMethod.ZTest,
        ["z_test"] = DriftMethod.ZTest,
        ["wasserstein"] = DriftMethod.Wasserstein,
        ["jensenshannon"] = DriftMethod.JensenShannon,
        ["jensen_shannon"] = DriftMethod.JensenShannon,
        ["psi"] = DriftMethod.Psi,
        ["kl_div"] = DriftMethod.KlDiv,
        ["kl"] = DriftMethod.KlDiv,
    };

    /// <summary>The accepted names, for error messages: Evidently's stattest names and ours.</summary>
    public static string Known => "ks, chisquare, z, wasserstein, jensenshannon, psi, kl_div";

    /// <summary>The method of a configured name (Evidently's names, or ours in snake_case), ignoring case.</summary>
    /// <exception cref="SextantException">The name is not a method.</exception>
    public static DriftMethod Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return s_names.TryGetValue(name.Trim(), out var method)
            ? method
            : throw new SextantException($"Unknown drift method '{name}'; known methods: {Known}.");
    }

    /// <summary>Whether the method is a hypothesis test, compared by p-value, rather than a distance.</summary>
    public static bool IsTest(this DriftMethod method) => method is DriftMethod.Ks or DriftMethod.ChiSquare or DriftMethod.ZTest;
}
