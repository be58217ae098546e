using Sextant.Projects;
using Sextant.Storage;

namespace Sextant.Reports.Eda;

/// <summary>
/// The EDA report of a project's stored dataset version, as <c>sextant eda</c> and the pipeline's <c>eda</c> stage make it:
/// the project's schema and IQR rule, stored under <c>.sextant/reports/&lt;id&gt;/</c>.
/// </summary>
public static class ProjectEda
{
    /// <summary>The report options from the project's configuration (the cleaning section's IQR factor, default 1.5).</summary>
    public static EdaOptions Options(SextantProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new EdaOptions { IqrFactor = project.Config.Cleaning.Outliers?.Factor ?? 1.5 };
    }

    /// <summary>What the report names: the stored version's identity and the project's schema.</summary>
    public static EdaInput Input(SextantProject project, DatasetInfo info)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(info);
        return new EdaInput { Dataset = info.Name, Version = info.Version, Fingerprint = info.Fingerprint, Schema = project.Schema };
    }

    /// <summary>Loads a stored version (default: the latest), profiles it and stores the report; returns it and its folder.</summary>
    public static async Task<(EdaReport Report, string Folder)> CreateAsync(SextantProject project, int? version = null, IProgress<EdaProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (info, table) = await project.Store.LoadDatasetAsync(project.Name, version, cancellationToken).ConfigureAwait(false);
        var report = EdaAnalyzer.Analyze(table, Input(project, info), Options(project), progress: progress, cancellationToken: cancellationToken);
        var folder = await new ReportStore(project.Directory).SaveAsync(report, cancellationToken).ConfigureAwait(false);
        return (report, folder);
    }
}
