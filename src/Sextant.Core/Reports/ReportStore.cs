using System.Text.Json;
using Sextant.Reports.Eda;
using Sextant.Reports.Rendering;
using Sextant.Storage;

namespace Sextant.Reports;

/// <summary>
/// EDA reports stored under a project's <c>.sextant/reports/&lt;id&gt;/</c>: manifest.json, report.json, report.html,
/// report.md and charts/*.svg. A report is written to a temporary folder and renamed into place, so a reader sees
/// a whole report or none; the same id replaces the earlier one.
/// </summary>
public sealed class ReportStore(string projectDirectory)
{
    /// <summary>The folder holding the reports.</summary>
    public string Root { get; } = Path.Combine(projectDirectory, ProjectStore.FolderName, "reports");

    /// <summary>Renders and stores a report; returns its folder.</summary>
    public async Task<string> SaveAsync(EdaReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(Root);
        var id = report.Manifest.ReportId;
        var temp = Path.Combine(Root, $".tmp-{id}-{Guid.NewGuid():N}");
        await WriteAsync(report, temp, cancellationToken).ConfigureAwait(false);
        var target = Path.Combine(Root, id);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(temp, target);
        return target;
    }

    /// <summary>Writes the files of a report into <paramref name="directory"/> (created when needed).</summary>
    public static async Task WriteAsync(EdaReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        var document = EdaDocument.Build(report);
        var markdown = ReportRenderer.ToMarkdown(document);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), ReportRenderer.ToHtml(document), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), markdown.Text, cancellationToken).ConfigureAwait(false);
        foreach (var (path, svg) in markdown.Files)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, path), svg, cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, SextantJson.Options), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(report.Manifest, SextantJson.Options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stored report by id; null when there is none (or the id is not a report id, so no path outside the store is read).</summary>
    public async Task<EdaReport?> LoadAsync(string reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reportId);
        if (reportId.Length is 0 or > 64 || !reportId.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var path = Path.Combine(Root, reportId, "report.json");
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<EdaReport>(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), SextantJson.Options);
    }

    /// <summary>The stored reports' manifests, newest first.</summary>
    public async Task<IReadOnlyList<EdaManifest>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var list = new List<EdaManifest>();
        foreach (var folder in Directory.GetDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "manifest.json");
            if (File.Exists(path))
            {
                var manifest = JsonSerializer.Deserialize<EdaManifest>(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), SextantJson.Options);
                if (manifest is not null)
                {
                    list.Add(manifest);
                }
            }
        }

        return [.. list.OrderByDescending(m => m.CreatedAt)];
    }
}
