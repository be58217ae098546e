namespace Sextant.Pipelines;

/// <summary>The stage kinds, what each reads of <c>sextant.yaml</c> and which kinds it follows.</summary>
internal static class StageKinds
{
    public const string Command = "cmd";

    /// <summary>The built-in kinds in their natural order, then cmd.</summary>
    public static readonly string[] All = ["ingest", "validate", "eda", "train", "evaluate", "register", "promote", "export", Command];

    /// <summary>The sections of <c>sextant.yaml</c> each built-in kind reads.</summary>
    public static IReadOnlyList<string> ConfigSections(string kind) => kind switch
    {
        "ingest" => ["name", "task", "data", "cleaning", "target", "features"],
        "validate" => ["name", "task", "data", "target", "features", "derived"],
        "eda" => ["name", "task", "cleaning", "target", "features", "derived"],
        "train" => ["name", "task", "data", "target", "positive_class", "features", "derived", "split", "training"],
        "evaluate" => ["name", "task", "data", "target", "features", "derived"],
        "register" => ["name"],
        "promote" => ["name", "promotion"],
        "export" => ["name"],
        _ => [],
    };

    /// <summary>
    /// The kinds a built-in stage follows when such stages are declared: it reads their products (train reads the
    /// dataset ingest stored) or must not run unless they passed (train after validate).
    /// </summary>
    public static IReadOnlyList<string> Follows(string kind) => kind switch
    {
        "validate" or "eda" => ["ingest"],
        "train" => ["ingest", "validate"],
        "evaluate" => ["train"],
        "register" => ["train", "evaluate"],
        "promote" => ["train", "evaluate", "register"],
        "export" => ["train", "register", "promote"],
        _ => [],
    };

    /// <summary>Which stage options apply to which kinds.</summary>
    public static bool Takes(string kind, string option) => option switch
    {
        "cmd" => kind == Command,
        "file" => kind is "ingest" or "validate" or "evaluate",
        "to" or "reason" => kind == "promote",
        "tags" or "description" => kind == "register",
        "metrics" => kind is Command or "train" or "evaluate",
        "output" => kind is "eda" or "export",
        _ => true,
    };
}
