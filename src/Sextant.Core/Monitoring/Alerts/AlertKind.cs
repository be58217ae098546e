namespace Sextant.Monitoring.Alerts;

/// <summary>What an alert is about; stored and serialised in snake_case (<c>data_drift</c>, ...).</summary>
public enum AlertKind
{
    /// <summary>The dataset-level drift rule fired on the features.</summary>
    DataDrift,

    /// <summary>The distribution of the model's predictions drifted.</summary>
    PredictionDrift,

    /// <summary>A realised metric left its tolerance.</summary>
    Performance,

    /// <summary>Requests broke declared schema rules.</summary>
    SchemaViolations,

    /// <summary>Features went missing more often than in the reference.</summary>
    MissingValues,
}
