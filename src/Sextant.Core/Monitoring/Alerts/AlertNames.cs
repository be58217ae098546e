using System.Text.Json;

namespace Sextant.Monitoring.Alerts;

/// <summary>Alert enums as the store, configuration and JSON spell them (snake_case: <c>data_drift</c>, <c>acknowledged</c>).</summary>
public static class AlertNames
{
    /// <summary>The snake_case name of a value.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The value of a snake_case name.</summary>
    /// <exception cref="SextantException">The name is none of <typeparamref name="T"/>'s.</exception>
    public static T Parse<T>(string name)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Of(value), name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new SextantException($"'{name}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(Of))}.");
    }
}
