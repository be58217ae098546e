namespace Sextant.LoadTesting;

/// <summary>Which scoring endpoint of <c>sextant serve</c> a load test drives.</summary>
public enum LoadTestEndpoint
{
    /// <summary><c>POST /predict</c>: one flat record per request.</summary>
    Predict,

    /// <summary><c>POST /predict/batch</c>: an array of records per request.</summary>
    Batch,

    /// <summary><c>POST /invocations</c> (MLflow 2 scoring): <c>{"dataframe_records": [...]}</c>.</summary>
    Invocations,

    /// <summary><c>POST /v2/models/{name}/infer</c> (Open Inference Protocol): one tensor per feature.</summary>
    V2,
}
