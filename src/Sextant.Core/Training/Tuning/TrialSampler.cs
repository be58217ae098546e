using System.Globalization;
using Sextant.Projects;

namespace Sextant.Training.Tuning;

/// <summary>Draws the trials of a random search: seeded, so the same configuration and seed give the same trials.</summary>
internal static class TrialSampler
{
    /// <summary>
    /// Draws <see cref="SearchConfig.Trials"/> trials of <paramref name="candidate"/>, the
    /// <paramref name="candidateIndex"/>-th declared candidate (each candidate draws from its own seeded stream).
    /// </summary>
    public static IReadOnlyList<Candidate> Sample(CandidateConfig candidate, int candidateIndex, ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var search = config.Training.Search;
        var ranges = (candidate.Search ?? throw new ArgumentException("The candidate declares no search.", nameof(candidate)))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => SearchRange.TryParse(kv.Key, kv.Value, out var range, out var problem)
                ? (kv.Key, Range: range!)
                : throw new SextantException($"training.candidates[{candidateIndex}].search.{kv.Key}: {problem}"))
            .ToList();
        var random = new Random(unchecked(search.Seed + (7919 * candidateIndex)));
        var trials = new List<Candidate>(search.Trials);
        for (var t = 0; t < search.Trials; t++)
        {
            var drawn = ranges.ToDictionary(r => r.Key, r => r.Range.Draw(r.Key, random), StringComparer.Ordinal);
            var options = drawn.Aggregate(candidate with { Search = null }, (c, kv) => SearchRange.With(c, kv.Key, kv.Value));
            var name = $"{candidate.Name ?? candidate.Learner}#{t + 1}({Describe(drawn)})";
            trials.Add(Candidate.Resolve(options with { Name = name }, config) with { Sampled = drawn });
        }

        return trials;
    }

    /// <summary>The drawn options as <c>key=value, ...</c>, in key order.</summary>
    public static string Describe(IReadOnlyDictionary<string, double> drawn) =>
        string.Join(", ", drawn.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
