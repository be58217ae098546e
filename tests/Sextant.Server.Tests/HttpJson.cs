using System.Text;
using System.Text.Json;

namespace Sextant.Server.Tests;

/// <summary>JSON over HTTP for the tests.</summary>
internal static class HttpJson
{
    public static StringContent Content(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
