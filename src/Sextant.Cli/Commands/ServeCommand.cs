using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sextant.Server;
using Spectre.Console;

namespace Sextant.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string?>("--urls") { Description = "Listen address (default: serving.urls, http://127.0.0.1:5080)." };
        var version = new Option<int?>("--version") { Description = "Model version to serve (default: latest)." };
        var alias = new Option<string?>("--alias") { Description = "Serve the version this alias points to, e.g. prod (default: the latest version)." };
        var shadow = new Option<string?>("--shadow") { Description = "Also score every request with this alias (e.g. staging) off the request path, and log both." };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Prediction requests per second per API key (0: unlimited)." };
        var logLevel = new Option<Microsoft.Extensions.Logging.LogLevel>("--log-level")
        {
            Description = "Least level of the JSON log lines on stdout: Warning (default: errors and problems) or Information (also one line per request with its id).",
            DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Warning,
        };
        var logCapacity = new Option<int>("--log-capacity")
        {
            Description = "Predictions the prediction-log queue holds before new ones are dropped and counted (0 turns the prediction log off).",
            DefaultValueFactory = _ => new ServerOptions().PredictionLogCapacity,
        };
        var drain = new Option<double>("--drain-seconds")
        {
            Description = "On SIGTERM, keep answering this long while /ready says 503 (balancers take the server out), then stop (default: SEXTANT_DRAIN_SECONDS, else 0).",
            DefaultValueFactory = _ => double.TryParse(Environment.GetEnvironmentVariable("SEXTANT_DRAIN_SECONDS"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 0,
        };
        var command = new Command("serve", "Serve the model over HTTP: /predict, /predict/batch, /explain, /model, /registry, /runs, /metrics, /docs.") { urls, version, alias, shadow, rateLimit, logLevel, logCapacity, drain };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            await RunAsync(context, new ServerOptions { Project = CliApp.ProjectDir(parse), Urls = parse.GetValue(urls), Version = parse.GetValue(version), Alias = parse.GetValue(alias), ShadowAlias = parse.GetValue(shadow), RateLimitPerSecond = parse.GetValue(rateLimit), LogLevel = parse.GetValue(logLevel), PredictionLogCapacity = parse.GetValue(logCapacity), DrainDelay = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(drain), 0, 600)) }, cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    public static async Task RunAsync(CliContext context, ServerOptions options, CancellationToken cancellationToken)
    {
        await using var app = await SextantServer.BuildAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var host = app.Services.GetRequiredService<ModelHost>();
        foreach (var notice in host.Project.Notices)
        {
            context.Stderr.WriteLine(notice);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var model = host.Current is { } p ? $"'{p.Artifact.Name}' v{p.Version}{(p.Alias is null ? "" : $" ({p.Alias})")}" : $"no model ({host.LoadError})";
        context.Err.MarkupLineInterpolated($"[green]Serving {model} at {string.Join(", ", app.Urls)}[/] (Ctrl+C to stop)");
        context.Err.MarkupLineInterpolated($"Dashboard: {app.Urls.First().TrimEnd('/')}/ui");
        // One way to stop: SIGTERM (orchestrators) and SIGINT (Ctrl+C) both reach the host's console lifetime, which
        // signals ApplicationStopping; the CLI's own cancellation asks the same. Then a graceful stop drains the
        // prediction log before the process exits.
        using (cancellationToken.Register(static state => ((IHostApplicationLifetime)state!).StopApplication(), app.Lifetime))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: below.
            }
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
