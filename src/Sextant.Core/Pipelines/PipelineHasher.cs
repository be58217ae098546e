using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Sextant.Pipelines;

/// <summary>SHA-256 content hashes of stage inputs and outputs: files, folders, sections of <c>sextant.yaml</c>, the code.</summary>
internal static class PipelineHasher
{
    /// <summary>What an absent config section hashes to, so adding one is a change.</summary>
    public const string Absent = "absent";

    /// <summary>
    /// The version of Sextant's code: the informational version and the module version id of Sextant.Core, which a
    /// deterministic build changes exactly when the compiled code changes.
    /// </summary>
    public static readonly string CodeVersion = CreateCodeVersion();

    /// <summary>Hex SHA-256 of a string's UTF-8 bytes.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// A file's content hash, or a folder's (every file under it, by relative path and content, in ordinal order); null
    /// when the path does not exist.
    /// </summary>
    public static async Task<string?> OfPathAsync(string projectDirectory, string path, CancellationToken cancellationToken)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(projectDirectory, path);
        if (File.Exists(full))
        {
            return await OfFileAsync(full, cancellationToken).ConfigureAwait(false);
        }

        if (!Directory.Exists(full))
        {
            return null;
        }

        var listing = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var hash = await OfFileAsync(file, cancellationToken).ConfigureAwait(false);
            listing.Append(Path.GetRelativePath(full, file).Replace('\\', '/')).Append('\0').Append(hash).Append('\n');
        }

        return OfText("dir\n" + listing);
    }

    /// <summary>
    /// The hash of a section (a dotted path of mapping keys) of a parsed <c>sextant.yaml</c>, in a canonical form: keys
    /// sorted, comments, layout and quoting ignored; <see cref="Absent"/> when the section is not there.
    /// </summary>
    public static string OfSection(YamlNode? root, string section)
    {
        var node = Find(root, section);
        if (node is null)
        {
            return Absent;
        }

        var canonical = new StringBuilder();
        Canonical(node, canonical);
        return OfText(canonical.ToString());
    }

    /// <summary>One hash of named hashes, independent of their order.</summary>
    public static string Combine(IEnumerable<KeyValuePair<string, string?>> parts)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in parts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value ?? "missing").Append('\n');
        }

        return OfText(text.ToString());
    }

    /// <summary>The root node of configuration text, or null when it is empty.</summary>
    public static YamlNode? Parse(string? yaml)
    {
        if (yaml is null)
        {
            return null;
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static YamlNode? Find(YamlNode? node, string section)
    {
        foreach (var key in section.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    private static void Canonical(YamlNode node, StringBuilder text)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.Value ?? "";
                text.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case YamlSequenceNode sequence:
                text.Append('[');
                foreach (var child in sequence.Children)
                {
                    Canonical(child, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case YamlMappingNode mapping:
                text.Append('{');
                foreach (var (key, child) in mapping.Children.OrderBy(c => (c.Key as YamlScalarNode)?.Value ?? c.Key.ToString(), StringComparer.Ordinal))
                {
                    Canonical(key, text);
                    text.Append(':');
                    Canonical(child, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            default:
                text.Append(node.ToString());
                break;
        }
    }

    private static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private static string CreateCodeVersion()
    {
        var assembly = typeof(PipelineHasher).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return $"sextant {version} ({assembly.ManifestModule.ModuleVersionId:N})";
    }
}
