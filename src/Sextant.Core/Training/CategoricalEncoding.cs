namespace Sextant.Training;

/// <summary>How a <see cref="Preprocessor"/> encodes categorical features.</summary>
public enum CategoricalEncoding
{
    /// <summary>One 0/1 column per level seen in training; an unseen or missing level is all zeros.</summary>
    OneHot,

    /// <summary>
    /// One column per feature holding the level's index <c>0..k-1</c> among the levels seen in training, NaN for an
    /// unseen or missing level: the input of gradient boosting's native categorical splits.
    /// </summary>
    Codes,
}
