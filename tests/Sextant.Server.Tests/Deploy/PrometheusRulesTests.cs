namespace Sextant.Server.Tests.Deploy;

/// <summary>The recording and alerting rules of <c>deploy/prometheus/</c>, checked and unit-tested by Debian's promtool.</summary>
public sealed class PrometheusRulesTests
{
    [Fact]
    public async Task Rules_PassPromtoolCheckRules()
    {
        var promtool = DeployTools.Require("promtool", "prometheus");

        var (exit, stdout, stderr) = await DeployTools.RunAsync(promtool, DeployTools.Deploy("prometheus"), null, "check", "rules", "rules/sextant.rules.yml");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("SUCCESS: 13 rules found", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_PassTheirPromtoolUnitTests()
    {
        // Error rate, p99 latency, prediction-log drops and write failures, drift, open alerts and a target down:
        // each alert pending or quiet before its time and firing with its labels and text after.
        var promtool = DeployTools.Require("promtool", "prometheus");

        var (exit, stdout, stderr) = await DeployTools.RunAsync(promtool, DeployTools.Deploy("prometheus", "tests"), null, "test", "rules", "sextant.rules.test.yml");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("SUCCESS", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposesPrometheusConfig_PassesPromtoolCheckConfig()
    {
        var promtool = DeployTools.Require("promtool", "prometheus");

        var (exit, stdout, stderr) = await DeployTools.RunAsync(promtool, DeployTools.Deploy("prometheus"), null, "check", "config", "prometheus.yml");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("1 rule files found", stdout, StringComparison.Ordinal);
    }
}
