using Sextant.Server;

var project = Environment.GetEnvironmentVariable("SEXTANT_PROJECT") ?? ".";
var app = await SextantServer.BuildAsync(new ServerOptions { Project = project, Urls = Environment.GetEnvironmentVariable("SEXTANT_URLS") }, args);
await app.RunAsync();

/// <summary>The server entry point; public so tests can reference the app.</summary>
public partial class Program
{
}
