using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Sextant.Server.Tests.Ui;

/// <summary>
/// Two servers of one project (replicas behind a balancer without sticky sessions): a dashboard form rendered by one
/// is accepted by the other, because the antiforgery keys live in the project's <c>.sextant/ui-keys</c>, which both share.
/// </summary>
public sealed partial class ReplicaFormsTests : IAsyncLifetime
{
    private const string AdminKey = "replica-admin-1";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sextant-replica-forms-{Guid.NewGuid():N}");
    private WebApplication _a = null!;
    private WebApplication _b = null!;

    public async Task InitializeAsync()
    {
        await TwoVersionProject.CreateAsync(_root, ("prod", 1));
        _a = await SextantServer.BuildAsync(new ServerOptions { Project = _root, Urls = "http://127.0.0.1:0", AdminKeys = [AdminKey] });
        await _a.StartAsync();
        _b = await SextantServer.BuildAsync(new ServerOptions { Project = _root, Urls = "http://127.0.0.1:0", AdminKeys = [AdminKey] });
        await _b.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task APromoteFormRenderedByOneReplica_IsAcceptedByTheOther()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        var page = await client.GetStringAsync(new Uri(new Uri(_a.Urls.Single()), "/ui/registry"));
        var token = Token().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = "2", ["alias"] = "prod", ["force"] = "on", ["admin_key"] = AdminKey, ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri(new Uri(_b.Urls.Single()), "/ui/registry/promote"), form);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther or HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var registry = await client.GetAsync(new Uri(new Uri(_b.Urls.Single()), "/registry"));
        Assert.Contains("\"prod\":2", (await registry.Content.ReadAsStringAsync()).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, ".sextant", "ui-keys"), "key-*.xml"));
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
