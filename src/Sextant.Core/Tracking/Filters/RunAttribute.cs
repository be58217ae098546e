using System.Collections.Frozen;

namespace Sextant.Tracking.Filters;

/// <summary>A filterable column of <c>runs</c>; the column is named as the attribute.</summary>
internal sealed record RunAttribute(string Name, RunValueType Type, bool Nullable, IReadOnlyList<string>? Values = null)
{
    /// <summary>Every attribute in the order error messages list them.</summary>
    public static readonly IReadOnlyList<RunAttribute> All =
    [
        new("id", RunValueType.Text, Nullable: false),
        new("name", RunValueType.Text, Nullable: true),
        new("status", RunValueType.Text, Nullable: true, ["RUNNING", "FINISHED", "FAILED"]),
        new("start_time", RunValueType.Time, Nullable: true),
        new("end_time", RunValueType.Time, Nullable: true),
        new("duration_ms", RunValueType.Number, Nullable: true),
        new("dataset_fingerprint", RunValueType.Text, Nullable: true),
        new("dataset_version", RunValueType.Number, Nullable: true),
        new("learner", RunValueType.Text, Nullable: true),
        new("model_version", RunValueType.Number, Nullable: true),
    ];

    private static readonly FrozenDictionary<string, RunAttribute> s_byName = All
        .Select(a => KeyValuePair.Create(a.Name, a))
        .Append(KeyValuePair.Create("run_id", All[0]))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The attribute names (and the alias <c>run_id</c>) for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(a => a.Name == "id" ? "id (or run_id)" : a.Name));

    /// <summary>Finds an attribute by name or alias, ignoring case.</summary>
    public static RunAttribute? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>Gets the attribute of a field known to be one.</summary>
    public static RunAttribute Of(FilterField field) => s_byName[field.Key];
}
