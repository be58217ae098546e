using System.Text.Json;
using Sextant.Server.Tests.Deploy;
using YamlDotNet.RepresentationModel;

namespace Sextant.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile and .dockerignore read line by line for the rules (there is no Docker engine here to build
/// them), compose.yaml validated by Debian's docker-compose, and the Grafana files it provisions.
/// </summary>
public sealed class ContainerFilesTests
{
    private static readonly string[] s_dockerfile = JoinContinuations(File.ReadAllLines(DeployTools.Deploy("Dockerfile")));

    [Fact]
    public void Dockerfile_BuildsWithTheSdk_AndRunsOnTheAspNetRuntime()
    {
        var stages = s_dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.True(stages.Count >= 2, "not a multi-stage build");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1], StringComparison.Ordinal);
        Assert.Contains(Final(), l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal));
        Assert.Contains(s_dockerfile, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal) && l.Contains("-c Release", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_RunsAsANonRootUser_WithDataOnAVolumeAndAHealthCheck()
    {
        var final = Final();
        var user = Assert.Single(final, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain(user[5..].Trim(), new[] { "root", "0", "0:0" });
        // Nothing after USER runs as root again, and nothing the app writes is in the image.
        Assert.DoesNotContain(final.SkipWhile(l => l != user), l => l.StartsWith("RUN ", StringComparison.Ordinal));
        Assert.Contains("VOLUME [\"/data\"]", final);
        var health = Assert.Single(final, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains("CMD [\"curl\", \"-fsS\", \"http://127.0.0.1:8080/health\"]", health, StringComparison.Ordinal);
        Assert.Contains(final, l => l.StartsWith("ENTRYPOINT [\"dotnet\", \"/app/sextant.dll\"]", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith("CMD [\"serve\"", StringComparison.Ordinal) && l.Contains("/data/project", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputStoresAndGitOutOfTheContext()
    {
        var ignored = File.ReadAllLines(Path.Combine(DeployTools.Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "**/.sextant/", ".git/", "tests/" }, ignored);
    }

    [Fact]
    public async Task Compose_IsValidForDockerCompose_WithHealthChecksAndVolumes()
    {
        var compose = DeployTools.Require("docker-compose", "docker-compose");

        var (exit, stdout, stderr) = await DeployTools.RunAsync(compose, DeployTools.Deploy(), null, "-f", "compose.yaml", "config");

        Assert.True(exit == 0, stderr);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(stdout));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        Assert.Equal(["grafana", "postgres", "prometheus", "sextant"], services.Children.Keys.Select(k => k.ToString()).Order());
        Assert.All(services.Children.Values, s => Assert.True(((YamlMappingNode)s).Children.ContainsKey("healthcheck")));
        var sextant = (YamlMappingNode)services["sextant"];
        Assert.Equal("true", sextant["read_only"].ToString());
        Assert.Contains("/data", ((YamlSequenceNode)sextant["volumes"]).Select(Target));
        Assert.StartsWith("postgres://", ((YamlMappingNode)sextant["environment"])["SEXTANT_STORE"].ToString(), StringComparison.Ordinal);
        var grafanaMounts = ((YamlSequenceNode)((YamlMappingNode)services["grafana"])["volumes"]).Select(Target).ToList();
        Assert.Contains("/etc/grafana/provisioning", grafanaMounts);
        Assert.Contains("/var/lib/grafana/dashboards", grafanaMounts);
    }

    [Fact]
    public void GrafanaDashboard_UsesTheProvisionedDataSource_AndShowsEveryArea()
    {
        var source = File.ReadAllText(DeployTools.Deploy("grafana", "provisioning", "datasources", "prometheus.yml"));
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DeployTools.Deploy("grafana", "dashboards", "sextant.json")));
        var targets = dashboard.RootElement.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).ToList();

        Assert.Contains("uid: prometheus", source, StringComparison.Ordinal);
        Assert.All(targets, t => Assert.Equal("prometheus", t.GetProperty("datasource").GetProperty("uid").GetString()));
        var expressions = string.Join('\n', targets.Select(t => t.GetProperty("expr").GetString()));
        foreach (var metric in new[] { "sextant_http_requests_total", "sextant_http_request_duration_seconds_bucket", "sextant_predictions_total", "sextant_prediction_log_dropped_total", "sextant_drift_score", "sextant_drift_detected", "sextant_monitoring_alerts" })
        {
            Assert.Contains(metric, expressions, StringComparison.Ordinal);
        }
    }

    // docker-compose 1.29 prints volumes short (source:target:mode); newer versions long ({target: ...}).
    private static string Target(YamlNode volume) => volume is YamlMappingNode mapping ? mapping["target"].ToString() : volume.ToString().Split(':')[1];

    private static List<string> Final() => [.. s_dockerfile.Reverse().TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).Reverse()];

    // Instructions as Docker reads them: continued lines joined, comments and blank lines dropped.
    private static string[] JoinContinuations(string[] lines)
    {
        var joined = new List<string>();
        var current = "";
        foreach (var raw in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            current += raw.EndsWith('\\') ? raw[..^1].TrimEnd() + " " : raw;
            if (!raw.EndsWith('\\'))
            {
                joined.Add(current);
                current = "";
            }
        }

        return [.. joined];
    }
}
