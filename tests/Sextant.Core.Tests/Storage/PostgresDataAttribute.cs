using System.Reflection;
using Xunit.Sdk;

namespace Sextant.Core.Tests.Storage;

/// <summary>
/// Adds the <c>"postgres"</c> case to a store theory; skipped (never passed) when no server is configured, as for
/// <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (PostgresDatabase.ServerUrl is null && Environment.GetEnvironmentVariable("SEXTANT_REQUIRE_POSTGRES") != "1")
        {
            Skip = PostgresFactAttribute.Reason;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["postgres"]];
}
