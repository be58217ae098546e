namespace Sextant.Pipelines;

/// <summary>One input of a stage, hashed into the stage's input hash.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Name">The file path (relative to the project folder), config section, or upstream stage name.</param>
public readonly record struct StageInput(StageInputKind Kind, string Name)
{
    /// <summary>The key in the lock file: <c>file:data/x.csv</c>, <c>config:training</c>, <c>stage:ingest</c>, <c>code</c>, <c>definition</c>.</summary>
    public string Key => Kind switch
    {
        StageInputKind.Definition => "definition",
        StageInputKind.Code => "code",
        StageInputKind.Config => "config:" + Name,
        StageInputKind.File => "file:" + Name,
        _ => "stage:" + Name,
    };

    /// <summary>Words for a message: <c>file 'data/x.csv'</c>.</summary>
    public string Describe() => Kind switch
    {
        StageInputKind.Definition => "the stage's definition in sextant.yaml",
        StageInputKind.Code => "Sextant's code version",
        StageInputKind.Config => $"config section '{Name}'",
        StageInputKind.File => $"file '{Name}'",
        _ => $"upstream stage '{Name}'",
    };

    /// <summary>Parses a lock-file key back; null when it is not one.</summary>
    public static StageInput? FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == "definition")
        {
            return new StageInput(StageInputKind.Definition, "");
        }

        if (key == "code")
        {
            return new StageInput(StageInputKind.Code, "");
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var name = key[(colon + 1)..];
        return key[..colon] switch
        {
            "config" => new StageInput(StageInputKind.Config, name),
            "file" => new StageInput(StageInputKind.File, name),
            "stage" => new StageInput(StageInputKind.Stage, name),
            _ => null,
        };
    }
}
