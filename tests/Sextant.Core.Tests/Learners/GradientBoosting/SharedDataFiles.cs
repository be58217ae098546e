namespace Sextant.Core.Tests.Learners.GradientBoosting;

/// <summary>Finds the shared real-data folder (<c>shared/data</c>) above the test binaries.</summary>
internal static class SharedDataFiles
{
    /// <summary>The full path of a file under <c>shared/data</c>; fails the test with a clear message when the folder is missing.</summary>
    public static string PathOf(string relativePath)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string readme = Path.Combine(dir.FullName, "shared", "data", "README.md");
            if (File.Exists(readme))
            {
                string path = Path.Combine(dir.FullName, "shared", "data", relativePath);
                Assert.True(File.Exists(path), $"Found {readme} but not {path}.");
                return path;
            }
        }

        Assert.Fail(
            $"No folder containing shared/data/README.md was found above {AppContext.BaseDirectory}. "
            + "Accuracy tests need the shared real data (../shared/data); they never skip.");
        return string.Empty;
    }
}
