namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// One node of a <see cref="GradientBoostingModel"/> packed for prediction: a row goes to <see cref="Left"/> when its
/// value is at most <see cref="Threshold"/>, to <see cref="Missing"/> when it is NaN, else to <see cref="Right"/>.
/// Leaves have <see cref="Feature"/> -1 and carry <see cref="Value"/>.
/// </summary>
internal readonly record struct FlatTreeNode(int Feature, double Threshold, int Left, int Right, int Missing, double Value);
