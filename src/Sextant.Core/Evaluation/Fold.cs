namespace Sextant.Evaluation;

/// <summary>One fold of a cross-validation: the rows a model is fitted on and the rows it is scored on.</summary>
/// <param name="Index">The fold's position, from 0.</param>
/// <param name="Train">The fitting rows, ascending (time folds: in the given time order).</param>
/// <param name="Validation">The scoring rows, disjoint from <paramref name="Train"/>.</param>
public sealed record Fold(int Index, int[] Train, int[] Validation);
