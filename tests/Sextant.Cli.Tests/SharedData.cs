namespace Sextant.Cli.Tests;

/// <summary>Finds the real datasets in <c>shared/data</c> by walking up from the test binaries.</summary>
internal static class SharedData
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (System.IO.File.Exists(Path.Combine(candidate, "README.md")))
                {
                    return candidate;
                }
            }

            throw new Xunit.Sdk.XunitException($"The real datasets were not found: no shared/data/README.md in any parent of {AppContext.BaseDirectory}. These tests need the shared data folder (see shared/data/README.md); they do not skip.");
        }
    }

    public static string File(params string[] parts)
    {
        var path = Path.Combine([Directory, .. parts]);
        return System.IO.File.Exists(path)
            ? path
            : throw new Xunit.Sdk.XunitException($"The real dataset {path} is missing from shared/data.");
    }
}
