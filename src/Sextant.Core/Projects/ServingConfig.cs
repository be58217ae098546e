namespace Sextant.Projects;

/// <summary>How the model is served.</summary>
public sealed record ServingConfig
{
    /// <summary>The address the server listens on. <value>Default http://127.0.0.1:5080.</value></summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
}
