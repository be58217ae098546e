using System.Globalization;
using Sextant.Data.Ingest;
using Sextant.Projects;

namespace Sextant.Monitoring.Feedback;

/// <summary>
/// Joins realised outcomes to the prediction log (what <c>POST /feedback</c> and <c>sextant feedback</c> do): every item
/// is checked first (an id, a value, a number for regression), then stored in one transaction. Ids no logged prediction
/// has are listed; unless the caller skips them, one unknown id refuses the batch and nothing is stored.
/// </summary>
public static class FeedbackRecorder
{
    /// <summary>The most items one call takes.</summary>
    public const int MaxItems = 100_000;

    /// <exception cref="FeedbackException">An item is malformed, or an id is unknown and <paramref name="skipUnknown"/> is false; nothing was stored.</exception>
    public static async Task<FeedbackResult> RecordAsync(SextantProject project, IReadOnlyList<FeedbackItem> items, bool skipUnknown = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(items);
        var problems = Check(project.Config.Task, items);
        if (problems.Count > 0)
        {
            throw new FeedbackException($"The feedback was refused: {problems.Count} problem(s); nothing was stored.", problems, []);
        }

        var trimmed = items.Select(i => new FeedbackItem(i.RequestId.Trim(), i.Actual.Trim())).ToList();
        var result = await project.Metadata.RecordFeedbackAsync(trimmed, skipUnknown, cancellationToken).ConfigureAwait(false);
        if (result.Unknown.Count > 0 && !skipUnknown)
        {
            throw new FeedbackException(
                $"{result.Unknown.Count} of {items.Count} request id(s) match no logged prediction (e.g. {string.Join(", ", result.Unknown.Take(3))}); nothing was stored. " +
                "Check the ids (the X-Request-Id of each answer), wait for the log to be written, or skip the unknown ones.", [], result.Unknown);
        }

        return result;
    }

    /// <summary>The problems of the items as given, each naming the item by position and id.</summary>
    public static IReadOnlyList<string> Check(ProjectTask task, IReadOnlyList<FeedbackItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var problems = new List<string>();
        if (items.Count == 0)
        {
            problems.Add("no feedback items were given");
        }
        else if (items.Count > MaxItems)
        {
            problems.Add($"{items.Count} items in one call; send at most {MaxItems:N0} at a time");
        }

        for (var i = 0; i < items.Count && problems.Count < 100; i++)
        {
            var item = items[i];
            var where = $"item {i + 1}" + (string.IsNullOrWhiteSpace(item?.RequestId) ? "" : $" ('{item.RequestId}')");
            if (item is null || string.IsNullOrWhiteSpace(item.RequestId))
            {
                problems.Add($"{where}: request_id is missing");
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Actual))
            {
                problems.Add($"{where}: actual is missing");
            }
            else if (task == ProjectTask.Regression && !(double.TryParse(item.Actual.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)))
            {
                problems.Add($"{where}: actual '{item.Actual}' is not a finite number (this model is a regression)");
            }
        }

        return problems;
    }

    /// <summary>
    /// Reads feedback from a CSV file with a header (read like any data file: encoding, delimiter and quoting detected):
    /// the id from <c>request_id</c>, the value from <paramref name="actualColumn"/> (default: <c>actual</c>, else the
    /// project's target column).
    /// </summary>
    public static async Task<IReadOnlyList<FeedbackItem>> ReadCsvAsync(SextantProject project, string path, string? actualColumn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (!File.Exists(path))
        {
            throw new SextantException($"Feedback file '{path}' does not exist.");
        }

        var table = (await CsvTableReader.ReadAsync(path, project.ReadOptions(forScoring: true) with { NullTokens = [""] }, cancellationToken).ConfigureAwait(false)).Table;
        string? Find(string name) => table.ColumnNames.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        var id = Find("request_id");
        var valueName = actualColumn ?? (Find("actual") is not null ? "actual" : project.Config.Target);
        var value = Find(valueName);
        if (id is null || value is null)
        {
            throw new SextantException($"Feedback file '{path}' needs the columns request_id and {valueName}; its columns are: {string.Join(", ", table.ColumnNames)}.");
        }

        var ids = table[id];
        var values = table[value];
        var items = new FeedbackItem[table.RowCount];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new FeedbackItem(ids.FormatValue(i) ?? "", values.FormatValue(i) ?? "");
        }

        return items;
    }
}
