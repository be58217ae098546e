using Sextant.Projects;

namespace Sextant.Examples;

/// <summary>A ready project: its configuration and its synthetic data file.</summary>
public sealed record ExampleProject(ProjectConfig Config, string DataFile, byte[] Data, string Description);
