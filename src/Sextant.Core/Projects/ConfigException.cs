namespace Sextant.Projects;

/// <summary>A configuration file with one or more problems; every problem is listed.</summary>
public sealed class ConfigException : SextantException
{
    public ConfigException(string file, IReadOnlyList<ConfigProblem> problems)
        : base($"{file} has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => $"  {file}:{p}")))
    {
        File = file;
        Problems = problems;
    }

    public ConfigException()
    {
        File = string.Empty;
        Problems = [];
    }

    public ConfigException(string message)
        : base(message)
    {
        File = string.Empty;
        Problems = [];
    }

    public ConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Problems = [];
    }

    public string File { get; }

    public IReadOnlyList<ConfigProblem> Problems { get; }
}
