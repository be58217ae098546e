namespace Sextant.Tracking.Filters;

/// <summary>
/// Collects the parameters of translated SQL, named <c>@p0</c>, <c>@p1</c>, ...; Microsoft.Data.Sqlite and Npgsql both
/// accept <c>@name</c> parameters. Share one sink between a filter and an ordering so their names do not collide. Every
/// user value and key becomes a parameter; none is written into the SQL.
/// </summary>
public sealed class SqlParameterSink
{
    private readonly List<SqlParameterValue> _parameters = [];

    /// <summary>Creates a sink whose names start with <c>@</c> and <paramref name="prefix"/>.</summary>
    /// <param name="prefix">ASCII letters, digits and underscores, starting with a letter. Default <c>p</c>.</param>
    public SqlParameterSink(string prefix = "p")
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!char.IsAsciiLetter(prefix[0]) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A parameter prefix holds ASCII letters, digits and underscores and starts with a letter.", nameof(prefix));
        }

        Prefix = prefix;
    }

    /// <summary>Gets the prefix of the names after the <c>@</c>.</summary>
    /// <value>Default <c>p</c>.</value>
    public string Prefix { get; }

    /// <summary>Gets the parameters added so far, in order.</summary>
    public IReadOnlyList<SqlParameterValue> Parameters => _parameters;

    /// <summary>Adds a parameter and returns its name as written in SQL, e.g. <c>@p3</c>.</summary>
    public string Add(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = $"@{Prefix}{_parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        _parameters.Add(new SqlParameterValue(name, value));
        return name;
    }
}
