namespace Sextant.Projects;

/// <summary>The kind of learning task of a project.</summary>
public enum ProjectTask
{
    Regression,
    Classification,
    Forecast,
}
