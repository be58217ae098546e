using System.Globalization;
using System.Text;

namespace Sextant.Cli.Tests;

/// <summary>Edits of a project's files the way a user would make them in an editor.</summary>
internal static class ProjectFiles
{
    public static string ConfigPath(string project) => Path.Combine(project, "sextant.yaml");

    /// <summary>Replaces exactly one occurrence of <paramref name="find"/> in sextant.yaml; fails if it is absent or repeated.</summary>
    public static async Task EditConfigAsync(string project, string find, string replacement)
    {
        var path = ConfigPath(project);
        var text = await File.ReadAllTextAsync(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in {path}:{Environment.NewLine}{text}");
        Assert.True(text.IndexOf(find, at + find.Length, StringComparison.Ordinal) < 0, $"'{find}' appears more than once in {path}.");
        await File.WriteAllTextAsync(path, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length)));
    }

    /// <summary>Adds a numeric feature declaration at the top of the features list.</summary>
    public static Task AddNumericFeatureAsync(string project, string name) =>
        EditConfigAsync(project, "features:\n", $"features:\n  - name: \"{name}\"\n    type: numeric\n");

    /// <summary>Appends to the sales CSV (code page 850) a column holding a copy of SALES, the fifth column.</summary>
    public static async Task AddSalesCopyColumnAsync(string project, string column)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(850);
        var path = Path.Combine(project, "data", "sales_data_sample.csv");
        var lines = encoding.GetString(await File.ReadAllBytesAsync(path)).Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal("SALES", header[4]);
        var output = new StringBuilder(lines[0]).Append(',').Append(column).Append('\n');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var sales = line.Split(',')[4];
            Assert.True(double.TryParse(sales, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"SALES is not the plain fifth field of: {line}");
            output.Append(line).Append(',').Append(sales).Append('\n');
        }

        await File.WriteAllBytesAsync(path, encoding.GetBytes(output.ToString()));
    }
}
