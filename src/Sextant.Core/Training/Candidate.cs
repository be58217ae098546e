using Sextant.Projects;

namespace Sextant.Training;

/// <summary>A resolved candidate: a learner and its L2 penalty.</summary>
internal sealed record Candidate(string Name, string Learner, double L2)
{
    public static IReadOnlyList<Candidate> Resolve(ProjectConfig config)
    {
        if (config.Training.Candidates.Count == 0)
        {
            return config.Task == ProjectTask.Classification
                ? [new("logistic(l2=1)", "logistic", 1), new("logistic(l2=10)", "logistic", 10), new("logistic(l2=100)", "logistic", 100)]
                : [new("ols", "ridge", 0), new("ridge(l2=1)", "ridge", 1), new("ridge(l2=10)", "ridge", 10), new("ridge(l2=100)", "ridge", 100)];
        }

        return [.. config.Training.Candidates.Select(c =>
        {
            var expected = config.Task == ProjectTask.Classification ? "logistic" : "ridge";
            if (c.Learner != expected)
            {
                throw new SextantException($"training.candidates: learner '{c.Learner}' is not available for {config.Task.ToString().ToLowerInvariant()}; use '{expected}' (more learners arrive with the learners issue).");
            }

            var l2 = c.L2 ?? 1.0;
            return new Candidate(c.Name ?? $"{c.Learner}(l2={l2.ToString(System.Globalization.CultureInfo.InvariantCulture)})", c.Learner, l2);
        })];
    }
}
