namespace Sextant.Learners.RandomForest;

/// <summary>What a random forest predicts.</summary>
public enum RandomForestTask
{
    /// <summary>A number: each leaf holds the mean target of its rows and the forest averages the trees.</summary>
    Regression,

    /// <summary>
    /// The probability of label 1 of a 0/1 target: each leaf holds the fraction of its rows labelled 1 and the forest
    /// averages the trees (scikit-learn's <c>predict_proba</c>).
    /// </summary>
    Classification,
}
