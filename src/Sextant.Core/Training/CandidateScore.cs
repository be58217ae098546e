using Sextant.Learners;

namespace Sextant.Training;

/// <summary>
/// A candidate's selection score: its metrics (across folds: the mean under each name and the deviation as
/// <c>name_std</c>), mean fit and predict times, the share of fitting rows it used, and, when scored on one
/// validation split with every row, the fitted model and its validation predictions.
/// </summary>
internal sealed record CandidateScore(Dictionary<string, double> Metrics, double FitMilliseconds, double PredictMicrosecondsPerRow, double Budget, ITabularModel? Model, double[]? ValidPredictions);
