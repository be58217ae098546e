using System.Text.Json.Serialization;

namespace Sextant.Learners.GradientBoosting;

/// <summary>The loss a <see cref="GradientBoostingTrainer"/> minimises. Serialised by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradientBoostingLoss>))]
public enum GradientBoostingLoss
{
    /// <summary>Squared error (<c>squared_error</c>): predicts the conditional mean.</summary>
    SquaredError,

    /// <summary>
    /// Absolute error (<c>absolute_error</c>): predicts the conditional median. Trees are grown on the gradient
    /// sign and each leaf is then set to the weighted median of the residuals it holds.
    /// </summary>
    AbsoluteError,

    /// <summary>
    /// Huber loss (<c>huber</c>): squared within <see cref="GradientBoostingOptions.HuberDelta"/> of the target,
    /// absolute beyond it, so outlying targets pull less.
    /// </summary>
    Huber,

    /// <summary>
    /// Pinball loss (<c>quantile</c>) at <see cref="GradientBoostingOptions.QuantileAlpha"/>: predicts the conditional
    /// alpha-quantile. Each leaf is set to the weighted alpha-quantile of the residuals it holds.
    /// </summary>
    Quantile,

    /// <summary>
    /// Binary log-loss (<c>log_loss</c>) on 0/1 targets: the model's raw score is the log-odds and
    /// <see cref="GradientBoostingModel.Predict"/> returns the probability of label 1.
    /// </summary>
    LogLoss,
}
