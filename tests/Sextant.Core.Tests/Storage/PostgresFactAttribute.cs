namespace Sextant.Core.Tests.Storage;

/// <summary>
/// A test that needs the PostgreSQL server of <c>SEXTANT_TEST_POSTGRES</c>. On a machine with only the .NET SDK it is
/// reported as skipped, never as passed; CI sets the variable (and <c>SEXTANT_REQUIRE_POSTGRES=1</c>, which turns a
/// missing server into a failure) so the suite always runs there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    internal const string Reason = "PostgreSQL tests need SEXTANT_TEST_POSTGRES=postgres://user:password@host:5432/postgres (set by .ci/run).";

    public PostgresFactAttribute()
    {
        if (PostgresDatabase.ServerUrl is null && Environment.GetEnvironmentVariable("SEXTANT_REQUIRE_POSTGRES") != "1")
        {
            Skip = Reason;
        }
    }
}
