using Sextant.Examples;
using Sextant.Monitoring.Drift;
using Sextant.Projects;

namespace Sextant.Core.Tests.Projects;

public class MonitoringConfigTests
{
    private const string Head = """
        name: demo
        data:
          path: data.csv
        target: y
        features:
          - name: price
            type: numeric
          - name: store
            type: categorical
          - name: day
            type: date
        """;

    [Fact]
    public void Parse_MonitoringBlock_BindsEverySetting()
    {
        var config = ProjectFile.Parse(Head + """

            monitoring:
              reference_rows: 5000
              min_sample: 300
              alias: prod
              window: {duration: 6h, last: 10000}
              dataset_drift_share: 0
              dataset_drift_features: 3
              features:
                price: {method: psi, threshold: 0.2}
                store: {method: chisquare}
              schedule: "*/15 * * * *"
              webhook: {url: "http://127.0.0.1:9000/hook", retries: 2}
              retrain: {kinds: [data_drift, performance], cooldown: 12h, min_new_rows: 500}
            """, "sextant.yaml");

        var m = config.Monitoring;
        Assert.Equal((5000, 300, "prod", "6h", 10000), (m.ReferenceRows, m.MinSample, m.Alias, m.Window.Duration, m.Window.Last));
        Assert.Equal("*/15 * * * *", m.Schedule);
        Assert.Equal(("http://127.0.0.1:9000/hook", 2), (m.Webhook!.Url, m.Webhook.Retries));
        Assert.Equal(["data_drift", "performance"], m.Retrain!.Kinds);
        var options = m.ToDriftOptions();
        Assert.Null(options.DatasetDriftShare);
        Assert.Equal(3, options.DatasetDriftFeatures);
        Assert.Equal(300, options.MinimumCurrentRows);
        Assert.Equal(("psi", 0.2), (options.Features["price"].Method, options.Features["price"].Threshold!.Value));
        options.Validate();
    }

    [Fact]
    public void Parse_NoMonitoringBlock_GivesEvidentlyDefaults()
    {
        var m = ProjectFile.Parse(Head, "sextant.yaml").Monitoring;
        var options = m.ToDriftOptions();
        Assert.Equal((100_000, 200, "24h"), (m.ReferenceRows, m.MinSample, m.Window.Duration));
        Assert.Equal((0.5, (int?)null, 0.05, 0.1), (options.DatasetDriftShare!.Value, options.DatasetDriftFeatures, options.PValueThreshold, options.DistanceThreshold));
        Assert.Null(m.Schedule);
    }

    [Fact]
    public void Parse_BadMonitoring_ReportsEveryProblemAtItsLine()
    {
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(Head + """

            monitoring:
              window: {duration: soon}
              features:
                pricee: {method: psi}
                store: {method: ks}
                price: {method: cosine}
              schedule: "every five minutes"
              webhook: {url: "ftp://example.com/x"}
              retrain: {kinds: [drift]}
            """, "sextant.yaml"));

        Assert.Contains(ex.Problems, p => p.Line == 15 && p.Message.Contains("no feature 'pricee' in 'features' (monitored features: price, store)", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == 16 && p.Message.Contains("ks needs a numeric feature; 'store' is categorical", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == 17 && p.Message.Contains("Unknown drift method 'cosine'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.window.duration' must be a duration", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.schedule' is not a cron expression", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.webhook.url' must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("unknown alert kind 'drift'", StringComparison.Ordinal));
        Assert.Equal(7, ex.Problems.Count);
    }

    [Fact]
    public void Parse_CorrectedDatasetRule_BindsAndWritesBack()
    {
        var config = ProjectFile.Parse(Head + """

            monitoring:
              dataset_rule: corrected
              family_alpha: 0.01
              dataset_drift_share: 0
              features:
                price: {method: ks}
            """, "sextant.yaml");

        var options = config.Monitoring.ToDriftOptions();
        Assert.Equal((DatasetDriftRule.Corrected, 0.01), (options.DatasetRule, options.FamilyAlpha));
        options.Validate();
        var back = ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml").Monitoring;
        Assert.Equal(("corrected", 0.01), (back.DatasetRule, back.FamilyAlpha));
        Assert.Equal(DatasetDriftRule.DriftedFeatures, ProjectFile.Parse(Head, "sextant.yaml").Monitoring.ToDriftOptions().DatasetRule);
    }

    [Fact]
    public void Parse_BadCorrectedRule_SaysWhatToChange()
    {
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(Head + """

            monitoring:
              dataset_rule: bonferroni
              family_alpha: 5
            """, "sextant.yaml"));
        var distance = Assert.Throws<ConfigException>(() => ProjectFile.Parse(Head + """

            monitoring:
              dataset_rule: corrected
              features:
                price: {method: wasserstein}
                store: {threshold: 0.01}
            """, "sextant.yaml"));

        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.dataset_rule' must be one of drifted_features, corrected; found 'bonferroni'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.family_alpha' must be strictly between 0 and 1", StringComparison.Ordinal));
        Assert.Contains(distance.Problems, p => p.Line == 15 && p.Message.Contains("wasserstein is a distance; 'monitoring.dataset_rule: corrected' needs a p-value test", StringComparison.Ordinal));
        Assert.Contains(distance.Problems, p => p.Line == 16 && p.Message.Contains("remove the threshold", StringComparison.Ordinal));
        Assert.Equal(2, distance.Problems.Count);
    }

    [Fact]
    public void Write_MonitoringBlock_ReadsBackTheSame()
    {
        var config = ExampleProjects.Create("sales", 100).Config with
        {
            Monitoring = new MonitoringConfig
            {
                Alias = "prod",
                Schedule = "0 * * * *",
                DatasetDriftFeatures = 2,
                Window = new MonitoringWindowConfig { Duration = null, Last = 5000 },
                Features = new Dictionary<string, FeatureDriftOptions> { ["PRICEEACH"] = new() { Method = "psi", Threshold = 0.25 } },
                Webhook = new WebhookConfig { Url = "https://hooks.example.com/x" },
                Retrain = new RetrainConfig { Kinds = ["data_drift"], MinNewRows = 10 },
            },
        };

        var back = ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml").Monitoring;

        Assert.Equal(("prod", "0 * * * *", 2, (TimeSpan?)null, 5000), (back.Alias, back.Schedule, back.DatasetDriftFeatures, back.Window.RollingDuration, back.Window.Last));
        Assert.Equal(config.Monitoring.Features["PRICEEACH"], back.Features["PRICEEACH"]);
        Assert.Equal(config.Monitoring.Webhook, back.Webhook);
        Assert.Equal((10, "24h"), (back.Retrain!.MinNewRows, back.Retrain.Cooldown));
    }

    [Fact]
    public void Parse_PerformanceAndRetrainSource_BindAndRoundTrip()
    {
        var config = ProjectFile.Parse(Head + """

            monitoring:
              performance: {min_labels: 50, tolerances: {rmse: 0.2, mae: 0.3}, coverage_tolerance: 0.05, missing_share_increase: 0.2}
              retrain: {source: query, query: "SELECT * FROM demo WHERE price > 0", alias: champion, automatic: false, min_new_rows: 10}
            """, "sextant.yaml");

        var p = config.Monitoring.Performance;
        Assert.Equal((50, 0.2, 0.3, 0.05, 0.2), (p.MinLabels, p.Tolerances["rmse"], p.Tolerances["mae"], p.CoverageTolerance, p.MissingShareIncrease));
        var r = config.Monitoring.Retrain!;
        Assert.Equal(("query", "SELECT * FROM demo WHERE price > 0", "champion", false, 10), (r.Source, r.Query, r.Alias, r.Automatic, r.MinNewRows));

        var back = ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml").Monitoring;
        Assert.Equal(p.Tolerances, back.Performance.Tolerances);
        Assert.Equal(p with { Tolerances = back.Performance.Tolerances }, back.Performance);
        Assert.Equal(r with { Kinds = back.Retrain!.Kinds }, back.Retrain);
    }

    [Fact]
    public void Parse_BadPerformanceAndRetrainSettings_ListsEachProblem_WithoutChangingAnything()
    {
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(Head + """

            monitoring:
              performance: {min_labels: 0, tolerances: {auc: 0.1, rmse: -1}, coverage_tolerance: 1.5}
              retrain: {source: warehouse}
            """, "sextant.yaml"));

        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.performance.min_labels' must be at least 1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'auc' is not a realised regression metric; use one of rmse, mae", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.performance.tolerances.rmse' must be a relative worsening of 0 or more", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.performance.coverage_tolerance' must be in [0, 1)", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'monitoring.retrain.source' must be one of file, query, feedback; found 'warehouse'", StringComparison.Ordinal));
        Assert.Equal(5, ex.Problems.Count);

        var noQuery = Assert.Throws<ConfigException>(() => ProjectFile.Parse(Head + "\nmonitoring:\n  retrain: {source: query}\n", "sextant.yaml"));
        Assert.Contains(noQuery.Problems, p => p.Message.Contains("'monitoring.retrain.query' is empty", StringComparison.Ordinal));
    }
}
