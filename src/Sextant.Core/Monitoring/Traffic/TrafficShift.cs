using System.Globalization;
using System.Text.Json.Nodes;
using Sextant.Schema;

namespace Sextant.Monitoring.Traffic;

/// <summary>
/// A change applied to one feature of every record <c>sextant traffic</c> sends (<c>--drift FEATURE=SHIFT</c>): for a
/// numeric feature <c>+0.5sd</c> (standard deviations of the sampled records), <c>+10</c> or <c>-3</c> (added),
/// <c>*1.4</c> or <c>x1.4</c> (multiplied); for a categorical feature the value every record gets (<c>COUNTRY=USA</c>).
/// </summary>
public sealed record TrafficShift(string Feature, string Spec)
{
    /// <summary>Parses <c>FEATURE=SHIFT</c> against the schema.</summary>
    /// <exception cref="SextantException">No '=', an unknown feature, or a numeric shift that is not a number.</exception>
    public static TrafficShift Parse(string text, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(schema);
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1)
        {
            throw new SextantException($"--drift '{text}' is not FEATURE=SHIFT (e.g. PRICEEACH=+0.5sd, QUANTITYORDERED=*1.4, COUNTRY=USA).");
        }

        var name = text[..at].Trim();
        var spec = text[(at + 1)..].Trim();
        var feature = schema.Find(name) ?? throw new SextantException(
            $"--drift '{text}': no feature '{name}' in the schema; features: {string.Join(", ", schema.Features.Select(f => f.Name))}.");
        var shift = new TrafficShift(feature.Name, spec);
        if (feature.Type == FeatureKind.Numeric && !shift.TryNumeric(out _, out _, out _))
        {
            throw new SextantException($"--drift '{text}': '{spec}' is not a numeric shift; use +0.5sd, +10, -3, *1.4 or x1.4.");
        }

        return shift;
    }

    /// <summary>Applies the shift to every record (in place); <paramref name="numeric"/> says whether the feature is numeric.</summary>
    public void Apply(IReadOnlyList<JsonObject> records, bool numeric)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (!numeric)
        {
            foreach (var record in records)
            {
                record[Feature] = Spec;
            }

            return;
        }

        TryNumeric(out var add, out var multiply, out var sds);
        if (sds != 0)
        {
            var values = records.Select(r => Number(r[Feature])).Where(double.IsFinite).ToArray();
            var mean = values.Length == 0 ? 0 : values.Average();
            var sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            add += sds * sd;
        }

        foreach (var record in records)
        {
            var value = Number(record[Feature]);
            if (double.IsFinite(value))
            {
                record[Feature] = Math.Round(value * multiply + add, 6);
            }
        }
    }

    private bool TryNumeric(out double add, out double multiply, out double sds)
    {
        (add, multiply, sds) = (0, 1, 0);
        var spec = Spec.Replace(" ", "", StringComparison.Ordinal);
        if (spec.Length > 1 && spec[0] is '*' or 'x' or 'X')
        {
            return double.TryParse(spec[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out multiply);
        }

        if (spec.EndsWith("sd", StringComparison.OrdinalIgnoreCase))
        {
            return double.TryParse(spec[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out sds);
        }

        return spec.Length > 0 && spec[0] is '+' or '-' && double.TryParse(spec, NumberStyles.Float, CultureInfo.InvariantCulture, out add);
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var d) ? d
        : node is JsonValue text && text.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : double.NaN;
}
