namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// One node of a <see cref="GradientBoostingModel"/> packed for prediction: a row goes to <see cref="Left"/> when its
/// value is at most <see cref="Threshold"/>, to <see cref="Missing"/> when it is NaN, else to <see cref="Right"/>.
/// A categorical node (<see cref="CategorySet"/> above 0) routes by set membership instead; see
/// <see cref="FlatTreeEnsemble.Next"/>. Leaves have <see cref="Feature"/> -1 and carry <see cref="Value"/>.
/// </summary>
internal readonly record struct FlatTreeNode(int Feature, double Threshold, int Left, int Right, int Missing, double Value)
{
    /// <summary>
    /// Gets 0 for a numeric split or a leaf, else the index in <see cref="FlatTreeEnsemble.CategorySets"/> of the node's
    /// category sets (word 0 of that array is reserved, so 0 never names a set).
    /// </summary>
    public int CategorySet { get; init; }
}
