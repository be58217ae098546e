namespace Sextant.Training;

/// <summary>
/// A categorical input encoded over the levels seen in training: one-hot (an unseen or missing level is all zeros) or as
/// the level's index (an unseen or missing level is NaN), as <see cref="Preprocessor.Encoding"/> says.
/// </summary>
/// <param name="Name">The feature.</param>
/// <param name="Levels">The levels seen in training, in column order.</param>
/// <param name="Frequencies">
/// Per level: its share of the training rows, which is the training mean of its one-hot column (linear explanations
/// measure contributions from it). <see langword="null"/> in a preprocessor fitted before frequencies were kept.
/// </param>
public sealed record CategoricalInput(string Name, IReadOnlyList<string> Levels, IReadOnlyList<double>? Frequencies = null);
