using System.Globalization;
using Sextant.Learners.Linear;

namespace Sextant.Explain;

/// <summary>
/// Exact Shapley values of linear models with independent features: column <c>j</c> contributes
/// <c>coefficient[j] * (x[j] - mean[j])</c>, measured from its training mean, and the base value is the score of the
/// mean row, <c>intercept + sum(coefficient[j] * mean[j])</c>. The base plus the contributions is the model's score.
/// </summary>
public static class LinearShap
{
    /// <summary>Explains a ridge/OLS prediction.</summary>
    /// <param name="model">The model.</param>
    /// <param name="columnMeans">The training mean of every model column (<see cref="Training.Preprocessor.ColumnMeans"/>).</param>
    /// <param name="row">The row, one value per model column.</param>
    /// <param name="contributions">Receives one contribution per model column.</param>
    /// <returns>The base value: the prediction for the mean row.</returns>
    /// <exception cref="ArgumentException">A span does not have one value per model column.</exception>
    public static double Explain(RidgeModel model, ReadOnlySpan<double> columnMeans, ReadOnlySpan<double> row, Span<double> contributions)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Explain(model.Intercept, model.Coefficients, columnMeans, row, contributions);
    }

    /// <summary>Explains a logistic regression's log-odds (the margin, before the sigmoid).</summary>
    /// <param name="model">The model.</param>
    /// <param name="columnMeans">The training mean of every model column (<see cref="Training.Preprocessor.ColumnMeans"/>).</param>
    /// <param name="row">The row, one value per model column.</param>
    /// <param name="contributions">Receives one contribution per model column, in log-odds.</param>
    /// <returns>The base value: the log-odds for the mean row.</returns>
    /// <exception cref="ArgumentException">A span does not have one value per model column.</exception>
    public static double Explain(LogisticRegressionModel model, ReadOnlySpan<double> columnMeans, ReadOnlySpan<double> row, Span<double> contributions)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Explain(model.Intercept, model.Coefficients, columnMeans, row, contributions);
    }

    private static double Explain(
        double intercept,
        IReadOnlyList<double> coefficients,
        ReadOnlySpan<double> columnMeans,
        ReadOnlySpan<double> row,
        Span<double> contributions)
    {
        int columns = coefficients.Count;
        Check(columnMeans.Length, columns, nameof(columnMeans));
        Check(row.Length, columns, nameof(row));
        Check(contributions.Length, columns, nameof(contributions));
        double baseValue = intercept;
        for (int j = 0; j < columns; j++)
        {
            double c = coefficients[j];
            baseValue += c * columnMeans[j];
            contributions[j] = c * (row[j] - columnMeans[j]);
        }

        return baseValue;
    }

    private static void Check(int length, int columns, string name)
    {
        if (length != columns)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} has {length} values but the model has {columns} columns."), name);
        }
    }
}
