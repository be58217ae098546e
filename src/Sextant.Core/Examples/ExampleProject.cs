using Sextant.Projects;

namespace Sextant.Examples;

/// <summary>A ready project: its configuration and its synthetic data file.</summary>
public sealed record ExampleProject(ProjectConfig Config, string DataFile, byte[] Data, string Description)
{
    /// <summary>Writes the data file and <c>sextant.yaml</c> into <paramref name="directory"/> (each written to a temp file, then renamed).</summary>
    public async Task WriteToAsync(string directory, CancellationToken cancellationToken = default)
    {
        var dataPath = Path.Combine(directory, Config.Data.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(dataPath)!);
        await WriteAsync(dataPath, Data, cancellationToken).ConfigureAwait(false);
        var yaml = ProjectWriter.ToYaml(Config, Description);
        await WriteAsync(Path.Combine(directory, ProjectFile.FileName), System.Text.Encoding.UTF8.GetBytes(yaml), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
