using System.Security.Cryptography;
using System.Text;

namespace Sextant.Server.Security;

/// <summary>
/// API keys from options or the environment (<c>SEXTANT_API_KEYS</c>, <c>SEXTANT_ADMIN_KEYS</c>, comma-separated),
/// compared as SHA-256 digests in constant time so timing reveals nothing of a key.
/// </summary>
public sealed class ApiKeys
{
    /// <summary>The request header carrying the key.</summary>
    public const string Header = "X-API-Key";

    private readonly byte[][] _prediction;
    private readonly byte[][] _admin;

    public ApiKeys(IEnumerable<string> predictionKeys, IEnumerable<string> adminKeys)
    {
        _admin = [.. adminKeys.Where(k => k.Length > 0).Select(Digest)];
        // Admin keys may also predict.
        _prediction = [.. predictionKeys.Where(k => k.Length > 0).Select(Digest), .. _admin];
        PredictionRequiresKey = predictionKeys.Any(k => k.Length > 0);
    }

    /// <summary>Whether prediction endpoints require a key (only when prediction keys are configured).</summary>
    public bool PredictionRequiresKey { get; }

    /// <summary>Whether any admin key is configured; admin endpoints are closed otherwise.</summary>
    public bool AdminEnabled => _admin.Length > 0;

    public bool IsPredictionKey(string? key) => Matches(_prediction, key);

    public bool IsAdminKey(string? key) => Matches(_admin, key);

    /// <summary>A name for the holder of a key in audit records: <c>key:</c> and the first 8 hex digits of its SHA-256, never the key.</summary>
    public static string Identify(string? key) =>
        string.IsNullOrEmpty(key) ? "anonymous" : "key:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8];

    public static ApiKeys FromEnvironment(IReadOnlyList<string>? predictionKeys, IReadOnlyList<string>? adminKeys) => new(
        predictionKeys ?? Split(Environment.GetEnvironmentVariable("SEXTANT_API_KEYS")),
        adminKeys ?? Split(Environment.GetEnvironmentVariable("SEXTANT_ADMIN_KEYS")));

    private static string[] Split(string? value) => value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static bool Matches(byte[][] keys, string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        var digest = Digest(candidate);
        var found = false;
        foreach (var key in keys)
        {
            // No early exit: every configured key is compared.
            found |= CryptographicOperations.FixedTimeEquals(key, digest);
        }

        return found;
    }
}
