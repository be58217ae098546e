using System.IO.Compression;
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

    /// <summary>
    /// A document as stored when it may be large (model artifacts): compact JSON, gzip-compressed. Tree ensembles are
    /// mostly repeated thresholds and child indices, which compress several-fold; <c>gunzip</c> gives the JSON back.
    /// </summary>
    public static byte[] SerializeCompressed<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, Compact);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads what <see cref="SerializeCompressed{T}"/> wrote, or plain JSON (gzip is recognised by its magic bytes).</summary>
    /// <exception cref="JsonException">The bytes are not such a document, or the compressed stream is damaged.</exception>
    public static T? DeserializeMaybeCompressed<T>(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            return JsonSerializer.Deserialize<T>(bytes, Options);
        }

        using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        try
        {
            return JsonSerializer.Deserialize<T>(gzip, Options);
        }
        catch (InvalidDataException ex)
        {
            throw new JsonException($"the compressed document is damaged: {ex.Message}", ex);
        }
    }

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
