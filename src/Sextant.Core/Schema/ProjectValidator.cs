using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Projects;

namespace Sextant.Schema;

/// <summary>Checks a project's latest stored dataset, or a CSV file read like its data source, against its schema.</summary>
public static class ProjectValidator
{
    /// <summary>
    /// Validates <paramref name="file"/> (read with the project's options) or, when null, the latest stored dataset.
    /// </summary>
    /// <exception cref="SextantException">The file is unreadable, or no dataset is stored yet.</exception>
    public static async Task<ProjectValidation> ValidateAsync(SextantProject project, string? file = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var leaks = LeakageGuard.CheckSchema(project.Schema);
        Table table;
        string source;
        if (file is not null)
        {
            table = (await CsvTableReader.ReadAsync(file, project.ReadOptions(), cancellationToken).ConfigureAwait(false)).Table;
            source = Path.GetFullPath(file);
        }
        else
        {
            var (info, stored) = await project.Store.LoadDatasetAsync(project.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            table = stored;
            source = $"dataset '{info.Name}' v{info.Version}";
        }

        var report = DatasetValidator.Validate(table, project.Schema);
        return new ProjectValidation(source, report, [.. leaks, .. report.Errors]);
    }
}
