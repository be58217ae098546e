using System.Globalization;
using System.Text.Json.Serialization;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// A fitted random forest: the prediction of a row is the mean over trees of the leaf it reaches (the mean target of the
/// leaf's training rows, or for classification their fraction labelled 1). Trees are stored flattened in parallel node
/// arrays (a node is internal when its feature is at least 0), so prediction walks arrays, not objects. Immutable;
/// round-trips through System.Text.Json with bit-identical predictions.
/// </summary>
public sealed class RandomForestModel : ITabularModel
{
    /// <summary>The serialisation format this version writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    private readonly FlatTreeEnsemble _trees;

    /// <summary>Creates a model from its parameters (also the System.Text.Json constructor). Every list is copied.</summary>
    /// <param name="formatVersion">The serialisation format; must be <see cref="CurrentFormatVersion"/>.</param>
    /// <param name="task">What the forest predicts.</param>
    /// <param name="featureCount">The number of feature columns a row must have; at least 1.</param>
    /// <param name="treeOffsets">The index of each tree's root node, ascending from 0; at least one tree.</param>
    /// <param name="nodeFeatures">Per node: the feature split on, or -1 for a leaf.</param>
    /// <param name="nodeThresholds">Per node: values at most this go left.</param>
    /// <param name="nodeLeftChildren">Per node: the index of the left child (a later node of the same tree); ignored for leaves.</param>
    /// <param name="nodeRightChildren">Per node: the index of the right child (a later node of the same tree); ignored for leaves.</param>
    /// <param name="nodeDefaultLeft">Per node: whether missing values (NaN) go left.</param>
    /// <param name="nodeValues">Per node: the leaf value (0 for internal nodes); in [0, 1] for classification.</param>
    /// <param name="nodeCovers">
    /// Per node: the number of bootstrap draws that reached it when its tree was grown; positive, and a parent's cover
    /// is the sum of its children's.
    /// </param>
    /// <param name="featureImportances">Per feature: the mean over trees of the squared-error reduction of its splits; may be empty.</param>
    /// <param name="outOfBag">The out-of-bag score, or <see langword="null"/> when no row was ever left out.</param>
    /// <exception cref="ArgumentException">The arrays are inconsistent or describe something other than a forest of trees.</exception>
    [JsonConstructor]
    public RandomForestModel(
        int formatVersion,
        RandomForestTask task,
        int featureCount,
        IReadOnlyList<int> treeOffsets,
        IReadOnlyList<int> nodeFeatures,
        IReadOnlyList<double> nodeThresholds,
        IReadOnlyList<int> nodeLeftChildren,
        IReadOnlyList<int> nodeRightChildren,
        IReadOnlyList<bool> nodeDefaultLeft,
        IReadOnlyList<double> nodeValues,
        IReadOnlyList<double> nodeCovers,
        IReadOnlyList<double> featureImportances,
        OutOfBagScore? outOfBag = null)
        : this(
            task,
            CreateEnsemble(
                formatVersion, task, featureCount, treeOffsets, nodeFeatures, nodeThresholds, nodeLeftChildren, nodeRightChildren, nodeDefaultLeft, nodeValues, nodeCovers, featureImportances),
            [.. featureImportances],
            outOfBag)
    {
    }

    /// <summary>Wraps trees a trainer packed; the arrays are kept, not copied.</summary>
    internal RandomForestModel(RandomForestTask task, FlatTreeEnsemble trees, double[] featureImportances, OutOfBagScore? outOfBag)
    {
        _trees = trees;
        FlatTreeNode[] nodes = trees.Nodes;
        FormatVersion = CurrentFormatVersion;
        Task = task;
        FeatureCount = trees.FeatureCount;
        TreeOffsets = Array.AsReadOnly(trees.TreeOffsets);
        NodeFeatures = new NodeColumn<int>(nodes, static n => n.Feature);
        NodeThresholds = new NodeColumn<double>(nodes, static n => n.Threshold);
        NodeLeftChildren = new NodeColumn<int>(nodes, static n => n.Left);
        NodeRightChildren = new NodeColumn<int>(nodes, static n => n.Right);
        NodeDefaultLeft = new NodeColumn<bool>(nodes, static n => n.Feature >= 0 && n.Missing == n.Left);
        NodeValues = new NodeColumn<double>(nodes, static n => n.Value);
        NodeCovers = Array.AsReadOnly(trees.Covers!);
        FeatureImportances = Array.AsReadOnly(featureImportances);
        OutOfBag = outOfBag;
    }

    /// <summary>Gets the serialisation format version.</summary>
    public int FormatVersion { get; }

    /// <summary>Gets what the forest predicts.</summary>
    public RandomForestTask Task { get; }

    /// <summary>Gets the number of feature columns the model expects.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the index of each tree's root in the node arrays.</summary>
    public IReadOnlyList<int> TreeOffsets { get; }

    /// <summary>Gets, per node, the feature split on, or -1 for a leaf.</summary>
    public IReadOnlyList<int> NodeFeatures { get; }

    /// <summary>Gets, per node, the threshold: a value at most this goes left (the upper edge of a training bin).</summary>
    public IReadOnlyList<double> NodeThresholds { get; }

    /// <summary>Gets, per node, the index of the left child.</summary>
    public IReadOnlyList<int> NodeLeftChildren { get; }

    /// <summary>Gets, per node, the index of the right child.</summary>
    public IReadOnlyList<int> NodeRightChildren { get; }

    /// <summary>Gets, per node, whether a missing value (NaN) goes left; learned from the training rows.</summary>
    public IReadOnlyList<bool> NodeDefaultLeft { get; }

    /// <summary>Gets, per node, the leaf value (0 for internal nodes).</summary>
    public IReadOnlyList<double> NodeValues { get; }

    /// <summary>
    /// Gets, per node, the number of bootstrap draws that reached it when its tree was grown (a row drawn twice counts
    /// twice). TreeSHAP weighs the branches a row does not take by them.
    /// </summary>
    public IReadOnlyList<double> NodeCovers { get; }

    /// <summary>Gets, per feature, the mean over trees of the squared-error reduction of the splits on it (larger means more important).</summary>
    public IReadOnlyList<double> FeatureImportances { get; }

    /// <summary>Gets the out-of-bag score computed at fit time, or <see langword="null"/> when every tree saw every row.</summary>
    public OutOfBagScore? OutOfBag { get; }

    /// <summary>Gets the number of trees.</summary>
    [JsonIgnore]
    public int Trees => _trees.Trees;

    /// <summary>Gets the packed trees.</summary>
    internal FlatTreeEnsemble Ensemble => _trees;

    /// <summary>Predicts one row: the regression value, or for classification the probability of label 1.</summary>
    /// <param name="row">The feature values, one per column; NaN means missing.</param>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public double Predict(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureCount)
        {
            throw new ArgumentException(Format($"The row has {row.Length} values but the model has {FeatureCount} features."), nameof(row));
        }

        return Score(row);
    }

    /// <summary>Predicts every row of a row-major <paramref name="rows"/> x <see cref="FeatureCount"/> block, as <see cref="Predict"/> does.</summary>
    /// <param name="features">Row-major feature values; NaN means missing.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="destination">Receives one prediction per row; at least <paramref name="rows"/> long.</param>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public void PredictBatch(ReadOnlySpan<double> features, int rows, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if ((long)rows * FeatureCount != features.Length)
        {
            throw new ArgumentException(
                Format($"features has {features.Length} values but rows x FeatureCount = {rows} x {FeatureCount}; features must be row-major."),
                nameof(features));
        }

        if (destination.Length < rows)
        {
            throw new ArgumentException(Format($"destination has {destination.Length} slots but there are {rows} rows."), nameof(destination));
        }

        // Each row adds its trees in order, as Predict does, so the results are exactly Predict's.
        Span<double> sums = destination[..rows];
        _trees.SumLeavesBatch(features, rows, sums);
        for (int r = 0; r < sums.Length; r++)
        {
            sums[r] /= _trees.Trees;
        }
    }

    /// <inheritdoc/>
    double ITabularModel.Score(ReadOnlySpan<double> row) => Predict(row);

    /// <inheritdoc/>
    void ITabularModel.ScoreBatch(ReadOnlySpan<double> features, int rows, Span<double> destination) => PredictBatch(features, rows, destination);

    private static FlatTreeEnsemble CreateEnsemble(
        int formatVersion,
        RandomForestTask task,
        int featureCount,
        IReadOnlyList<int> treeOffsets,
        IReadOnlyList<int> nodeFeatures,
        IReadOnlyList<double> nodeThresholds,
        IReadOnlyList<int> nodeLeftChildren,
        IReadOnlyList<int> nodeRightChildren,
        IReadOnlyList<bool> nodeDefaultLeft,
        IReadOnlyList<double> nodeValues,
        IReadOnlyList<double> nodeCovers,
        IReadOnlyList<double> featureImportances)
    {
        ArgumentNullException.ThrowIfNull(treeOffsets);
        ArgumentNullException.ThrowIfNull(nodeFeatures);
        ArgumentNullException.ThrowIfNull(nodeThresholds);
        ArgumentNullException.ThrowIfNull(nodeLeftChildren);
        ArgumentNullException.ThrowIfNull(nodeRightChildren);
        ArgumentNullException.ThrowIfNull(nodeDefaultLeft);
        ArgumentNullException.ThrowIfNull(nodeValues);
        ArgumentNullException.ThrowIfNull(nodeCovers);
        ArgumentNullException.ThrowIfNull(featureImportances);
        if (formatVersion != CurrentFormatVersion)
        {
            throw new ArgumentException(Format($"Format version {formatVersion} is not supported; this version reads {CurrentFormatVersion}."), nameof(formatVersion));
        }

        if (!Enum.IsDefined(task))
        {
            throw new ArgumentException(Format($"{task} is not a known task."), nameof(task));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (treeOffsets.Count == 0)
        {
            throw new ArgumentException("A forest has at least one tree.", nameof(treeOffsets));
        }

        if (featureImportances.Count != 0 && featureImportances.Count != featureCount)
        {
            throw new ArgumentException("featureImportances must be empty or have one entry per feature.", nameof(featureImportances));
        }

        return FlatTreeEnsemble.Create(
            featureCount, treeOffsets, nodeFeatures, nodeThresholds, nodeLeftChildren, nodeRightChildren, nodeDefaultLeft, nodeValues, nodeCovers);
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    private double Score(ReadOnlySpan<double> row) => _trees.SumLeaves(row) / _trees.Trees;
}
