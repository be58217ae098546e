using System.Globalization;
using System.Text.Json.Serialization;
using Sextant.Learners.Linear;

namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// A fitted gradient boosted tree ensemble. The raw score of a row is <see cref="BaseScore"/> plus one leaf value per
/// tree; trees are stored flattened in parallel node arrays (a node is internal when its feature is at least 0), so
/// prediction walks arrays, not objects. Immutable; round-trips through System.Text.Json with bit-identical predictions.
/// </summary>
public sealed class GradientBoostingModel
{
    /// <summary>The serialisation format this version writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    private readonly FlatTreeEnsemble _trees;

    /// <summary>Creates a model from its parameters (also the System.Text.Json constructor). Every list is copied.</summary>
    /// <param name="formatVersion">The serialisation format; must be <see cref="CurrentFormatVersion"/>.</param>
    /// <param name="loss">The loss the model was fitted with; <see cref="GradientBoostingLoss.LogLoss"/> makes <see cref="Predict"/> return probabilities.</param>
    /// <param name="featureCount">The number of feature columns a row must have; at least 1.</param>
    /// <param name="baseScore">The starting raw score; finite.</param>
    /// <param name="treeOffsets">The index of each tree's root node, ascending from 0.</param>
    /// <param name="nodeFeatures">Per node: the feature split on, or -1 for a leaf.</param>
    /// <param name="nodeThresholds">Per node: values at most this go left (unused by categorical splits).</param>
    /// <param name="nodeLeftChildren">Per node: the index of the left child (a later node of the same tree); ignored for leaves.</param>
    /// <param name="nodeRightChildren">Per node: the index of the right child (a later node of the same tree); ignored for leaves.</param>
    /// <param name="nodeDefaultLeft">Per node: whether missing values (NaN) go left.</param>
    /// <param name="nodeValues">Per node: the leaf value (learning rate applied), 0 for internal nodes.</param>
    /// <param name="featureImportances">Per feature: the total split gain; may be empty.</param>
    /// <param name="nodeCovers">
    /// Per node: the number of training rows that reached it when its tree was grown (after row subsampling); positive,
    /// and a parent's cover is the sum of its children's. <see langword="null"/> for a model without covers, which
    /// predicts but cannot be explained.
    /// </param>
    /// <param name="nodeCategorySets">
    /// Per node: 0 for a numeric split or a leaf, else the offset in <paramref name="categorySets"/> of a categorical
    /// split's sets. <see langword="null"/> when no node splits on a category (every model saved before categorical splits).
    /// </param>
    /// <param name="categorySets">
    /// The category sets of every categorical split: word 0 is reserved (0); a set at offset <c>o</c> holds its word count
    /// <c>n</c>, then <c>n</c> words of the bitset of codes going left and <c>n</c> of the codes going right. Other codes
    /// (and NaN) follow <paramref name="nodeDefaultLeft"/>. <see langword="null"/> when there are none.
    /// </param>
    /// <exception cref="ArgumentException">The arrays are inconsistent or describe something other than a forest of trees.</exception>
    [JsonConstructor]
    public GradientBoostingModel(
        int formatVersion,
        GradientBoostingLoss loss,
        int featureCount,
        double baseScore,
        IReadOnlyList<int> treeOffsets,
        IReadOnlyList<int> nodeFeatures,
        IReadOnlyList<double> nodeThresholds,
        IReadOnlyList<int> nodeLeftChildren,
        IReadOnlyList<int> nodeRightChildren,
        IReadOnlyList<bool> nodeDefaultLeft,
        IReadOnlyList<double> nodeValues,
        IReadOnlyList<double> featureImportances,
        IReadOnlyList<double>? nodeCovers = null,
        IReadOnlyList<int>? nodeCategorySets = null,
        IReadOnlyList<ulong>? categorySets = null)
    {
        ArgumentNullException.ThrowIfNull(treeOffsets);
        ArgumentNullException.ThrowIfNull(nodeFeatures);
        ArgumentNullException.ThrowIfNull(nodeThresholds);
        ArgumentNullException.ThrowIfNull(nodeLeftChildren);
        ArgumentNullException.ThrowIfNull(nodeRightChildren);
        ArgumentNullException.ThrowIfNull(nodeDefaultLeft);
        ArgumentNullException.ThrowIfNull(nodeValues);
        ArgumentNullException.ThrowIfNull(featureImportances);
        if (formatVersion != CurrentFormatVersion)
        {
            throw new ArgumentException(Format($"Format version {formatVersion} is not supported; this version reads {CurrentFormatVersion}."), nameof(formatVersion));
        }

        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentException(Format($"{loss} is not a known loss."), nameof(loss));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (!double.IsFinite(baseScore))
        {
            throw new ArgumentException("The base score must be finite.", nameof(baseScore));
        }

        if (featureImportances.Count != 0 && featureImportances.Count != featureCount)
        {
            throw new ArgumentException("featureImportances must be empty or have one entry per feature.", nameof(featureImportances));
        }

        _trees = FlatTreeEnsemble.Create(
            featureCount, treeOffsets, nodeFeatures, nodeThresholds, nodeLeftChildren, nodeRightChildren, nodeDefaultLeft, nodeValues, nodeCovers, nodeCategorySets, categorySets);
        FormatVersion = formatVersion;
        Loss = loss;
        FeatureCount = featureCount;
        BaseScore = baseScore;
        TreeOffsets = Array.AsReadOnly(_trees.TreeOffsets.ToArray());
        NodeFeatures = Array.AsReadOnly(nodeFeatures.ToArray());
        NodeThresholds = Array.AsReadOnly(nodeThresholds.ToArray());
        NodeLeftChildren = Array.AsReadOnly(nodeLeftChildren.ToArray());
        NodeRightChildren = Array.AsReadOnly(nodeRightChildren.ToArray());
        NodeDefaultLeft = Array.AsReadOnly(nodeDefaultLeft.ToArray());
        NodeValues = Array.AsReadOnly(nodeValues.ToArray());
        FeatureImportances = Array.AsReadOnly(featureImportances.ToArray());
        NodeCovers = _trees.Covers is { } covers ? Array.AsReadOnly(covers.ToArray()) : null;
        bool categorical = nodeCategorySets is not null && nodeCategorySets.Any(static s => s != 0);
        NodeCategorySets = categorical ? Array.AsReadOnly(nodeCategorySets!.ToArray()) : null;
        CategorySets = categorical ? Array.AsReadOnly(_trees.CategorySets.ToArray()) : null;
    }

    /// <summary>Gets the serialisation format version.</summary>
    public int FormatVersion { get; }

    /// <summary>Gets the loss the model was fitted with.</summary>
    public GradientBoostingLoss Loss { get; }

    /// <summary>Gets the number of feature columns the model expects.</summary>
    public int FeatureCount { get; }

    /// <summary>Gets the starting raw score every tree adds to (the log-odds of the base rate for log-loss).</summary>
    public double BaseScore { get; }

    /// <summary>Gets the index of each tree's root in the node arrays.</summary>
    public IReadOnlyList<int> TreeOffsets { get; }

    /// <summary>Gets, per node, the feature split on, or -1 for a leaf.</summary>
    public IReadOnlyList<int> NodeFeatures { get; }

    /// <summary>Gets, per node, the threshold: a value at most this goes left (the upper edge of a training bin); 0 and unused for a categorical split.</summary>
    public IReadOnlyList<double> NodeThresholds { get; }

    /// <summary>Gets, per node, the index of the left child.</summary>
    public IReadOnlyList<int> NodeLeftChildren { get; }

    /// <summary>Gets, per node, the index of the right child.</summary>
    public IReadOnlyList<int> NodeRightChildren { get; }

    /// <summary>Gets, per node, whether a missing value (NaN) goes left; learned from the training rows.</summary>
    public IReadOnlyList<bool> NodeDefaultLeft { get; }

    /// <summary>Gets, per node, the leaf value with the learning rate applied (0 for internal nodes).</summary>
    public IReadOnlyList<double> NodeValues { get; }

    /// <summary>Gets, per feature, the total gain of the splits on it (larger means more important); sums to the total gain of every split.</summary>
    public IReadOnlyList<double> FeatureImportances { get; }

    /// <summary>
    /// Gets, per node, the number of training rows that reached it when its tree was grown (after row subsampling), or
    /// <see langword="null"/> for a model saved without covers. TreeSHAP weighs the branches a row does not take by them.
    /// </summary>
    public IReadOnlyList<double>? NodeCovers { get; }

    /// <summary>
    /// Gets, per node, 0 for a numeric split or a leaf, else the offset of a categorical split's sets in
    /// <see cref="CategorySets"/>; <see langword="null"/> when no node splits on a category.
    /// </summary>
    public IReadOnlyList<int>? NodeCategorySets { get; }

    /// <summary>
    /// Gets the category sets of the categorical splits (see the constructor for the layout), or <see langword="null"/>
    /// when there are none.
    /// </summary>
    public IReadOnlyList<ulong>? CategorySets { get; }

    /// <summary>Gets the number of trees (boosting rounds kept after early stopping).</summary>
    [JsonIgnore]
    public int Rounds => _trees.Trees;

    /// <summary>Gets the packed trees.</summary>
    internal FlatTreeEnsemble Trees => _trees;

    /// <summary>
    /// Predicts one row: the regression value, or for <see cref="GradientBoostingLoss.LogLoss"/> the probability of label 1.
    /// </summary>
    /// <param name="row">The feature values, one per column; NaN means missing.</param>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public double Predict(ReadOnlySpan<double> row)
    {
        double raw = PredictRaw(row);
        return Loss == GradientBoostingLoss.LogLoss ? LogisticFunction.Sigmoid(raw) : raw;
    }

    /// <summary>Predicts the raw score of one row: the regression value, or the log-odds for log-loss.</summary>
    /// <param name="row">The feature values, one per column; NaN means missing.</param>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public double PredictRaw(ReadOnlySpan<double> row)
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
        PredictRawBatch(features, rows, destination);
        if (Loss == GradientBoostingLoss.LogLoss)
        {
            for (int i = 0; i < rows; i++)
            {
                destination[i] = LogisticFunction.Sigmoid(destination[i]);
            }
        }
    }

    /// <summary>Predicts the raw score of every row of a row-major block, as <see cref="PredictRaw"/> does.</summary>
    /// <param name="features">Row-major feature values; NaN means missing.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="destination">Receives one raw score per row; at least <paramref name="rows"/> long.</param>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public void PredictRawBatch(ReadOnlySpan<double> features, int rows, Span<double> destination)
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

        _trees.SumLeavesBatch(features, rows, destination);
        for (int i = 0; i < rows; i++)
        {
            destination[i] += BaseScore;
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    private double Score(ReadOnlySpan<double> row) => BaseScore + _trees.SumLeaves(row);
}
