namespace Sextant.Forecasting.Selection;

/// <summary>Every candidate's forecast of the last <paramref name="Points"/> values of a series, fitted on the rest.</summary>
/// <param name="Points">How many values were held out.</param>
/// <param name="FirstIndex">The index of the first held-out value in the series.</param>
/// <param name="Candidates">Each method's score (<c>auto</c> first when it was asked for).</param>
/// <param name="ChosenByCrossValidation">The method <c>auto</c> chose on the training part; null when auto was not asked for or failed.</param>
public sealed record HoldoutResult(int Points, int FirstIndex, IReadOnlyList<HoldoutScore> Candidates, ForecastMethod? ChosenByCrossValidation)
{
    /// <summary>The score of a method by key, or null.</summary>
    public HoldoutScore? Find(string method) => Candidates.FirstOrDefault(c => c.Method == method);
}
