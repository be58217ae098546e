namespace Sextant.Training;

/// <summary>A categorical input one-hot encoded over the levels seen in training; an unseen or missing level encodes as all zeros.</summary>
public sealed record CategoricalInput(string Name, IReadOnlyList<string> Levels);
