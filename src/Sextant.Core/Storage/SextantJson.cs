using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sextant.Storage;

/// <summary>The one JSON convention of Sextant documents: snake_case names, enums as snake_case strings.</summary>
public static class SextantJson
{
    /// <summary>Options for artifacts, reports and <c>--format json</c> output.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: true);

    /// <summary>The same, on one line.</summary>
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // A document with members this version does not know is refused, never half-read with defaults.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
