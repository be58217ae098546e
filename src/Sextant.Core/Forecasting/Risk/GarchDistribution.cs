using System.Text.Json.Serialization;

namespace Sextant.Forecasting.Risk;

/// <summary>The distribution of the standardised innovations <c>z_t / sigma_t</c> of a GARCH model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GarchDistribution>))]
public enum GarchDistribution
{
    /// <summary>Standard normal innovations (fGarch's <c>cond.dist = "norm"</c>).</summary>
    Normal,

    /// <summary>
    /// Student-t innovations rescaled to unit variance, with the degrees of freedom (shape) estimated and kept above 2
    /// (fGarch's <c>cond.dist = "std"</c>).
    /// </summary>
    StudentT,
}
