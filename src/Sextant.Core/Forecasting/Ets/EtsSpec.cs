using System.Globalization;

namespace Sextant.Forecasting.Ets;

/// <summary>The form of an ETS model in Hyndman's taxonomy: error, trend (optionally damped) and season.</summary>
/// <param name="Error">Additive or multiplicative errors.</param>
/// <param name="Trend">No, additive or multiplicative trend.</param>
/// <param name="Damped">Whether the trend is damped (needs a trend).</param>
/// <param name="Season">No, additive or multiplicative season.</param>
public readonly record struct EtsSpec(EtsComponent Error, EtsComponent Trend, bool Damped, EtsComponent Season)
{
    /// <summary>The model in the usual notation, e.g. <c>ETS(M,Ad,M)</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"ETS({Letter(Error)},{Letter(Trend)}{(Damped ? "d" : string.Empty)},{Letter(Season)})");

    /// <summary>Whether the model has a trend.</summary>
    public bool HasTrend => Trend != EtsComponent.None;

    /// <summary>Whether the model has a season.</summary>
    public bool HasSeason => Season != EtsComponent.None;

    /// <summary>
    /// Parses R's three- or four-letter code (<c>"MAN"</c>, <c>"AAdA"</c>, <c>"MNM"</c>), the letters of error, trend
    /// (with <c>d</c> when damped) and season.
    /// </summary>
    /// <exception cref="FormatException">The code is not such a model.</exception>
    public static EtsSpec Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var damped = code.Length == 4 && code[2] == 'd';
        if (code.Length != 3 && !damped)
        {
            throw new FormatException($"'{code}' is not an ETS model code such as MAN, AAdA or MNM.");
        }

        var spec = new EtsSpec(Component(code[0], code), Component(code[1], code), damped, Component(code[^1], code));
        if (spec.Error == EtsComponent.None || (damped && !spec.HasTrend))
        {
            throw new FormatException($"'{code}' is not an ETS model: the error cannot be N and a damped trend needs a trend.");
        }

        return spec;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string Letter(EtsComponent component) => component switch
    {
        EtsComponent.Additive => "A",
        EtsComponent.Multiplicative => "M",
        _ => "N",
    };

    private static EtsComponent Component(char letter, string code) => letter switch
    {
        'N' => EtsComponent.None,
        'A' => EtsComponent.Additive,
        'M' => EtsComponent.Multiplicative,
        _ => throw new FormatException($"'{code}' is not an ETS model code such as MAN, AAdA or MNM."),
    };
}
