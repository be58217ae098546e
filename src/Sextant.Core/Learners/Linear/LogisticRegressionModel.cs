using System.Globalization;
using System.Text.Json.Serialization;

namespace Sextant.Learners.Linear;

/// <summary>
/// A fitted binary logistic regression: <c>P(y = 1 | x) = sigmoid(Intercept + sum(Coefficients[j] * x[j]))</c>.
/// Immutable; round-trips through System.Text.Json with bit-identical predictions.
/// </summary>
public sealed class LogisticRegressionModel : ITabularModel
{
    private readonly double[] _coefficients;

    /// <summary>Creates a model from its parameters (also the System.Text.Json constructor).</summary>
    /// <param name="intercept">The intercept on the log-odds scale; finite.</param>
    /// <param name="coefficients">One finite coefficient per feature column; copied.</param>
    /// <param name="iterations">The number of Newton iterations the fit took.</param>
    /// <param name="converged">Whether the fit met its tolerance before running out of iterations.</param>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite, there are no coefficients, or iterations is negative.</exception>
    [JsonConstructor]
    public LogisticRegressionModel(double intercept, IReadOnlyList<double> coefficients, int iterations, bool converged)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        _coefficients = LinearModelParameters.Copy(intercept, coefficients);
        Intercept = intercept;
        Coefficients = Array.AsReadOnly(_coefficients);
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>Gets the intercept on the log-odds scale.</summary>
    public double Intercept { get; }

    /// <summary>Gets one coefficient per feature column (log-odds per unit), in column order.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Gets the number of Newton iterations the fit took.</summary>
    public int Iterations { get; }

    /// <summary>
    /// Gets a value indicating whether the fit met its tolerance. <see langword="false"/> when it stopped at the
    /// iteration limit, as it does on perfectly separable data without an L2 penalty.
    /// </summary>
    public bool Converged { get; }

    /// <summary>Gets the number of feature columns the model expects.</summary>
    [JsonIgnore]
    public int FeatureCount => _coefficients.Length;

    /// <summary>Predicts the probability that the label of one row is 1.</summary>
    /// <param name="row">The feature values, one per column.</param>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public double PredictProbability(ReadOnlySpan<double> row) => LogisticFunction.Sigmoid(PredictLogOdds(row));

    /// <summary>Predicts the log-odds that the label of one row is 1: <c>Intercept + sum(Coefficients[j] * x[j])</c>.</summary>
    /// <param name="row">The feature values, one per column.</param>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public double PredictLogOdds(ReadOnlySpan<double> row)
    {
        if (row.Length != _coefficients.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The row has {row.Length} values but the model has {_coefficients.Length} features."),
                nameof(row));
        }

        return LinearModelParameters.LinearPredictor(Intercept, _coefficients, row);
    }

    /// <summary>Predicts the probability of label 1 for every row of a row-major <paramref name="rows"/> x <see cref="FeatureCount"/> block.</summary>
    /// <param name="features">Row-major feature values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="destination">Receives one probability per row; at least <paramref name="rows"/> long.</param>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public void PredictProbabilityBatch(ReadOnlySpan<double> features, int rows, Span<double> destination)
    {
        LinearModelParameters.ValidateBatch(features, rows, _coefficients.Length, destination.Length);
        int columns = _coefficients.Length;
        for (int i = 0; i < rows; i++)
        {
            double logit = LinearModelParameters.LinearPredictor(Intercept, _coefficients, features.Slice(i * columns, columns));
            destination[i] = LogisticFunction.Sigmoid(logit);
        }
    }

    /// <inheritdoc/>
    double ITabularModel.Score(ReadOnlySpan<double> row) => PredictProbability(row);

    /// <inheritdoc/>
    void ITabularModel.ScoreBatch(ReadOnlySpan<double> features, int rows, Span<double> destination) => PredictProbabilityBatch(features, rows, destination);
}
