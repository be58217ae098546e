namespace Sextant.Training;

/// <summary>A categorical input one-hot encoded over the levels seen in training; an unseen or missing level encodes as all zeros.</summary>
/// <param name="Name">The feature.</param>
/// <param name="Levels">The levels seen in training, in column order.</param>
/// <param name="Frequencies">
/// Per level: its share of the training rows, which is the training mean of its one-hot column (linear explanations
/// measure contributions from it). <see langword="null"/> in a preprocessor fitted before frequencies were kept.
/// </param>
public sealed record CategoricalInput(string Name, IReadOnlyList<string> Levels, IReadOnlyList<double>? Frequencies = null);
