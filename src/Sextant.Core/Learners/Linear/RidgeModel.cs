using System.Globalization;
using System.Text.Json.Serialization;

namespace Sextant.Learners.Linear;

/// <summary>
/// A fitted linear regression: <c>Intercept + sum(Coefficients[j] * x[j])</c>. Immutable; round-trips through
/// System.Text.Json with bit-identical predictions.
/// </summary>
public sealed class RidgeModel : ITabularModel
{
    private readonly double[] _coefficients;

    /// <summary>Creates a model from its parameters (also the System.Text.Json constructor).</summary>
    /// <param name="intercept">The intercept; finite.</param>
    /// <param name="coefficients">One finite coefficient per feature column; copied.</param>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite, or there are no coefficients.</exception>
    [JsonConstructor]
    public RidgeModel(double intercept, IReadOnlyList<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        _coefficients = LinearModelParameters.Copy(intercept, coefficients);
        Intercept = intercept;
        Coefficients = Array.AsReadOnly(_coefficients);
    }

    /// <summary>Gets the intercept.</summary>
    public double Intercept { get; }

    /// <summary>Gets one coefficient per feature column, in column order.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Gets the number of feature columns the model expects.</summary>
    [JsonIgnore]
    public int FeatureCount => _coefficients.Length;

    /// <summary>Predicts the target of one row.</summary>
    /// <param name="row">The feature values, one per column.</param>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public double Predict(ReadOnlySpan<double> row)
    {
        if (row.Length != _coefficients.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The row has {row.Length} values but the model has {_coefficients.Length} features."),
                nameof(row));
        }

        return LinearModelParameters.LinearPredictor(Intercept, _coefficients, row);
    }

    /// <summary>Predicts the target of every row of a row-major <paramref name="rows"/> x <see cref="FeatureCount"/> block.</summary>
    /// <param name="features">Row-major feature values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="destination">Receives one prediction per row; at least <paramref name="rows"/> long.</param>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public void PredictBatch(ReadOnlySpan<double> features, int rows, Span<double> destination)
    {
        LinearModelParameters.ValidateBatch(features, rows, _coefficients.Length, destination.Length);
        int columns = _coefficients.Length;
        for (int i = 0; i < rows; i++)
        {
            destination[i] = LinearModelParameters.LinearPredictor(Intercept, _coefficients, features.Slice(i * columns, columns));
        }
    }

    /// <inheritdoc/>
    double ITabularModel.Score(ReadOnlySpan<double> row) => Predict(row);

    /// <inheritdoc/>
    void ITabularModel.ScoreBatch(ReadOnlySpan<double> features, int rows, Span<double> destination) => PredictBatch(features, rows, destination);
}
