namespace Sextant.Tracking.Filters;

/// <summary>The SQL a filter or ordering is translated to.</summary>
public enum SqlDialect
{
    /// <summary>SQLite 3.38 or later (JSON functions, <c>NULLS LAST</c>); times are ISO-8601 text compared through <c>julianday</c>.</summary>
    Sqlite,

    /// <summary>PostgreSQL 12 or later; times are <c>timestamptz</c>.</summary>
    Postgres,
}
