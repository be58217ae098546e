using System.Globalization;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.RandomForest;

namespace Sextant.Explain;

/// <summary>
/// Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent Individualized Feature Attribution for
/// Tree Ensembles", Algorithm 2): the Shapley values of a row's raw score, where the value of a feature subset is the
/// expected score when only those features are known and every split on an unknown feature is averaged over its
/// children in proportion to their training covers. Polynomial time, O(leaves x depth^2) per tree.
/// </summary>
/// <remarks>
/// A missing value (NaN) is a known value: the row follows the learned default direction of each split, exactly as
/// prediction does, so the contributions add up to the prediction the model makes.
/// </remarks>
public static class TreeShap
{
    [ThreadStatic]
    private static TreeShapWorkspace? t_workspace;

    /// <summary>
    /// Explains the raw score of one row (the regression value, or the log-odds for log-loss) with a workspace owned by
    /// the calling thread; see <see cref="Explain(GradientBoostingModel, ReadOnlySpan{double}, Span{double}, TreeShapWorkspace)"/>.
    /// </summary>
    /// <param name="model">A model saved with node covers.</param>
    /// <param name="row">The row, one value per model column; NaN means missing.</param>
    /// <param name="contributions">Receives one contribution per model column.</param>
    /// <returns>The base value: the expected raw score over the training rows.</returns>
    /// <exception cref="ArgumentException">A span does not have <see cref="GradientBoostingModel.FeatureCount"/> values.</exception>
    /// <exception cref="SextantException">The model has no node covers.</exception>
    public static double Explain(GradientBoostingModel model, ReadOnlySpan<double> row, Span<double> contributions) =>
        Explain(model, row, contributions, t_workspace ??= new TreeShapWorkspace());

    /// <summary>
    /// Explains the raw score of one row (the regression value, or the log-odds for log-loss): the base value plus the
    /// contributions equals <see cref="GradientBoostingModel.PredictRaw"/> up to rounding. Allocates nothing once the
    /// workspace has grown to the model's depth.
    /// </summary>
    /// <param name="model">A model saved with node covers.</param>
    /// <param name="row">The row, one value per model column; NaN means missing.</param>
    /// <param name="contributions">Receives one contribution per model column (0 for columns no split uses).</param>
    /// <param name="workspace">Scratch memory; one per thread.</param>
    /// <returns>The base value: <see cref="GradientBoostingModel.BaseScore"/> plus, per tree, the cover-weighted mean leaf value.</returns>
    /// <exception cref="ArgumentException">A span does not have <see cref="GradientBoostingModel.FeatureCount"/> values.</exception>
    /// <exception cref="SextantException">The model has no node covers.</exception>
    public static double Explain(GradientBoostingModel model, ReadOnlySpan<double> row, Span<double> contributions, TreeShapWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.BaseScore + ExplainTrees(model.Trees, 1, "gradient boosting", row, contributions, workspace);
    }

    /// <summary>
    /// Explains a random forest's prediction of one row (the regression value, or the probability of label 1) with a
    /// workspace owned by the calling thread; see <see cref="Explain(RandomForestModel, ReadOnlySpan{double}, Span{double}, TreeShapWorkspace)"/>.
    /// </summary>
    /// <param name="model">The forest.</param>
    /// <param name="row">The row, one value per model column; NaN means missing.</param>
    /// <param name="contributions">Receives one contribution per model column.</param>
    /// <returns>The base value: the expected prediction over the trees' bootstrap samples.</returns>
    /// <exception cref="ArgumentException">A span does not have <see cref="RandomForestModel.FeatureCount"/> values.</exception>
    public static double Explain(RandomForestModel model, ReadOnlySpan<double> row, Span<double> contributions) =>
        Explain(model, row, contributions, t_workspace ??= new TreeShapWorkspace());

    /// <summary>
    /// Explains a random forest's prediction of one row: the forest is the mean of its trees, so each tree's TreeSHAP
    /// values and expected value are scaled by 1 / trees, and the base value plus the contributions equals
    /// <see cref="RandomForestModel.Predict"/> up to rounding.
    /// </summary>
    /// <param name="model">The forest.</param>
    /// <param name="row">The row, one value per model column; NaN means missing.</param>
    /// <param name="contributions">Receives one contribution per model column (0 for columns no split uses).</param>
    /// <param name="workspace">Scratch memory; one per thread.</param>
    /// <returns>The base value: the mean over trees of the cover-weighted mean leaf value.</returns>
    /// <exception cref="ArgumentException">A span does not have <see cref="RandomForestModel.FeatureCount"/> values.</exception>
    public static double Explain(RandomForestModel model, ReadOnlySpan<double> row, Span<double> contributions, TreeShapWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ExplainTrees(model.Ensemble, 1.0 / model.Trees, "random forest", row, contributions, workspace);
    }

    /// <summary>
    /// Sets <paramref name="contributions"/> to the TreeSHAP values of <c>scale * sum of the trees</c> and returns
    /// <c>scale * sum of the trees' expected values</c>.
    /// </summary>
    internal static double ExplainTrees(
        FlatTreeEnsemble trees,
        double scale,
        string learner,
        ReadOnlySpan<double> row,
        Span<double> contributions,
        TreeShapWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (row.Length != trees.FeatureCount)
        {
            throw new ArgumentException(Format($"The row has {row.Length} values but the model has {trees.FeatureCount} features."), nameof(row));
        }

        if (contributions.Length != trees.FeatureCount)
        {
            throw new ArgumentException(
                Format($"contributions has {contributions.Length} slots but the model has {trees.FeatureCount} features."), nameof(contributions));
        }

        double[] covers = trees.Covers ?? throw new SextantException(
            $"This {learner} model was saved without node covers, so its predictions cannot be explained; retrain it with this version of Sextant.");

        contributions.Clear();
        var walk = new Walk
        {
            Nodes = trees.Nodes,
            CategorySets = trees.CategorySets,
            Covers = covers,
            Row = row,
            Contributions = contributions,
            Path = workspace.PathFor(trees.MaxDepth),
            Reciprocals = workspace.ReciprocalsFor(trees.MaxDepth),
            Scale = scale,
        };
        foreach (int root in trees.TreeOffsets)
        {
            walk.Recurse(root, 0, 0, 1, 1, -1);
        }

        return scale * trees.ExpectedSum;
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds a feature to the end of the path, updating the permutation weights of every subset size.</summary>
    private static void Extend(Span<PathElement> path, int uniqueDepth, double zeroFraction, double oneFraction, int feature)
    {
        path[uniqueDepth] = new PathElement
        {
            Feature = feature,
            ZeroFraction = zeroFraction,
            OneFraction = oneFraction,
            Weight = uniqueDepth == 0 ? 1 : 0,
        };
        double one = oneFraction / (uniqueDepth + 1);
        double zero = zeroFraction / (uniqueDepth + 1);
        for (int i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1);
            path[i].Weight = zero * path[i].Weight * (uniqueDepth - i);
        }
    }

    /// <summary>Removes the element at <paramref name="index"/>, undoing its <see cref="Extend"/>.</summary>
    private static void Unwind(Span<PathElement> path, int uniqueDepth, int index)
    {
        double oneFraction = path[index].OneFraction;
        double zeroFraction = path[index].ZeroFraction;
        double nextOnePortion = path[uniqueDepth].Weight;
        for (int i = uniqueDepth - 1; i >= 0; i--)
        {
            if (oneFraction != 0)
            {
                double previous = path[i].Weight;
                path[i].Weight = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                nextOnePortion = previous - (path[i].Weight * zeroFraction * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (uniqueDepth + 1) / (zeroFraction * (uniqueDepth - i));
            }
        }

        for (int i = index; i < uniqueDepth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    /// <summary>The total permutation weight the path would have without the element at <paramref name="index"/>.</summary>
    /// <remarks>Divisions dominate the cost, so they go through a table of reciprocals of 1, 2, 3, ...</remarks>
    private static double UnwoundPathSum(ReadOnlySpan<PathElement> path, int uniqueDepth, int index, ReadOnlySpan<double> reciprocals)
    {
        double oneFraction = path[index].OneFraction;
        double zeroFraction = path[index].ZeroFraction;
        double total = 0;
        if (oneFraction != 0)
        {
            double inverseOne = 1 / oneFraction;
            double nextOnePortion = path[uniqueDepth].Weight * inverseOne;
            for (int i = uniqueDepth - 1; i >= 0; i--)
            {
                double share = nextOnePortion * reciprocals[i + 1];
                total += share;
                nextOnePortion = (path[i].Weight - (share * zeroFraction * (uniqueDepth - i))) * inverseOne;
            }
        }
        else
        {
            for (int i = uniqueDepth - 1; i >= 0; i--)
            {
                total += path[i].Weight * reciprocals[uniqueDepth - i];
            }

            total /= zeroFraction;
        }

        return total * (uniqueDepth + 1);
    }

    /// <summary>One explanation's walk over the trees.</summary>
    private ref struct Walk
    {
        public ReadOnlySpan<FlatTreeNode> Nodes;
        public ReadOnlySpan<ulong> CategorySets;
        public ReadOnlySpan<double> Covers;
        public ReadOnlySpan<double> Row;
        public Span<double> Contributions;
        public Span<PathElement> Path;
        public ReadOnlySpan<double> Reciprocals;
        public double Scale;

        /// <summary>
        /// Visits a node. The parent's path is <c>Path[parentStart..]</c> with <paramref name="uniqueDepth"/> elements;
        /// this node's path is a copy of it placed right after, extended with the split that led here.
        /// </summary>
        public readonly void Recurse(int node, int parentStart, int uniqueDepth, double parentZero, double parentOne, int parentFeature)
        {
            int start = parentStart + uniqueDepth + 1;
            Span<PathElement> path = Path[start..];
            Path.Slice(parentStart, uniqueDepth).CopyTo(path);
            Extend(path, uniqueDepth, parentZero, parentOne, parentFeature);

            FlatTreeNode n = Nodes[node];
            if (n.Feature < 0)
            {
                double value = Scale * n.Value;
                for (int i = 1; i <= uniqueDepth; i++)
                {
                    ref readonly PathElement element = ref path[i];
                    Contributions[element.Feature] += UnwoundPathSum(path, uniqueDepth, i, Reciprocals) * (element.OneFraction - element.ZeroFraction) * value;
                }

                return;
            }

            int hot = FlatTreeEnsemble.Next(n, Row[n.Feature], CategorySets);
            int cold = hot == n.Left ? n.Right : n.Left;
            double cover = Covers[node];
            double incomingZero = 1;
            double incomingOne = 1;

            // A feature already on the path is taken off and put back with both splits' fractions combined.
            int k = 1;
            while (k <= uniqueDepth && path[k].Feature != n.Feature)
            {
                k++;
            }

            if (k <= uniqueDepth)
            {
                incomingZero = path[k].ZeroFraction;
                incomingOne = path[k].OneFraction;
                Unwind(path, uniqueDepth, k);
                uniqueDepth--;
            }

            Recurse(hot, start, uniqueDepth + 1, Covers[hot] / cover * incomingZero, incomingOne, n.Feature);
            Recurse(cold, start, uniqueDepth + 1, Covers[cold] / cover * incomingZero, 0, n.Feature);
        }
    }
}
