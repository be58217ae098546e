namespace Sextant.Projects;

/// <summary>How a tuning search spends its trials.</summary>
public enum SearchMethod
{
    /// <summary>Every trial is scored on all of the selection rows.</summary>
    Random,

    /// <summary>
    /// Successive halving: every trial starts on a fraction of the fitting rows, the best third moves on to three times
    /// as many rows, until the survivors are scored on all of them.
    /// </summary>
    Halving,
}
