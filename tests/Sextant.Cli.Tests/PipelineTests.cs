using System.Text.Json;

namespace Sextant.Cli.Tests;

/// <summary>
/// <c>sextant pipeline run/status</c> and <c>sextant metrics diff</c> on the sales example with real files: skip when
/// nothing changed, rerun what a change reaches, resume after a failure.
/// </summary>
public sealed class PipelineTests : IDisposable
{
    private const string Pipeline = """
        pipeline:
          stages:
            ingest: {}
            validate: {}
            train:
              metrics: reports/train.json
            report:
              cmd: python3 report.py
              deps: [report.py, reports/train.json]
              metrics: reports/report.json
        """;

    private readonly TempFolder _folder = new("sextant-pipeline");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_Twice_SecondRunSkipsEveryStageAsUpToDate()
    {
        var project = await InitAsync(Pipeline);

        var first = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["ran", "ran", "ran", "ran"], first.Select(s => s.Outcome));
        var second = await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json");
        Assert.Equal(["up_to_date", "up_to_date", "up_to_date", "up_to_date"], Stages(second.ShouldExit(0).Json()).Select(s => s.Outcome));
        Assert.Contains("[3/4] train: up to date", second.Stderr, StringComparison.Ordinal);

        var versions = (await Cli.RunAsync("models", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("versions");
        Assert.Equal(1, versions.GetArrayLength());
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "reports", "report.json"))).RootElement;
        var train = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "reports", "train.json"))).RootElement;
        Assert.Equal(train.GetProperty("rmse").GetDouble() * 2, report.GetProperty("rmse_x2").GetDouble(), 9);
    }

    [Fact]
    public async Task Run_AfterDataFileChanges_RerunsFromIngestAndStatusNamesTheFile()
    {
        var project = await InitAsync(Pipeline);
        (await Cli.RunAsync("pipeline", "run", "-p", project)).ShouldExit(0);
        var data = Path.Combine(project, "data", "sales_data_sample.csv");
        var lines = (await File.ReadAllLinesAsync(data, System.Text.Encoding.Latin1)).ToList();
        lines.RemoveRange(1, 40);
        await File.WriteAllLinesAsync(data, lines, System.Text.Encoding.Latin1);

        var status = Stages((await Cli.RunAsync("pipeline", "status", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["stale", "stale", "stale", "stale"], status.Select(s => s.Outcome));
        Assert.Contains("file 'data/sales_data_sample.csv' changed", status[0].Reasons);
        Assert.Contains("upstream stage 'ingest' runs first", status[1].Reasons);

        var run = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["ran", "ran", "ran", "ran"], run.Select(s => s.Outcome));
        Assert.Contains("2772 rows", run[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AfterTrainingSectionChanges_SkipsIngestAndValidateAndRerunsTrain()
    {
        var project = await InitAsync(Pipeline);
        (await Cli.RunAsync("pipeline", "run", "-p", project)).ShouldExit(0);
        // A comment is not a change; a different interval coverage is.
        await ProjectFiles.EditConfigAsync(project, "  interval_coverage: 0.8\n", "  interval_coverage: 0.8   # unchanged value\n");
        Assert.All(Stages((await Cli.RunAsync("pipeline", "status", "-p", project, "--format", "json")).ShouldExit(0).Json()), s => Assert.Equal("up_to_date", s.Outcome));
        await ProjectFiles.EditConfigAsync(project, "  interval_coverage: 0.8   # unchanged value\n", "  interval_coverage: 0.9\n");

        var status = Stages((await Cli.RunAsync("pipeline", "status", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["up_to_date", "up_to_date", "stale", "stale"], status.Select(s => s.Outcome));
        Assert.Equal(["config section 'training' changed"], status[2].Reasons);

        var run = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["up_to_date", "up_to_date", "ran", "ran"], run.Select(s => s.Outcome));
    }

    [Fact]
    public async Task Run_WithForce_RerunsThatStageAndDryRunWritesNothing()
    {
        var project = await InitAsync(Pipeline);
        (await Cli.RunAsync("pipeline", "run", "-p", project)).ShouldExit(0);
        var lockBefore = await File.ReadAllTextAsync(Path.Combine(project, "sextant.lock"));

        var dry = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--force", "train", "--dry-run", "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["up_to_date", "up_to_date", "stale", "stale"], dry.Select(s => s.Outcome));
        Assert.Equal(lockBefore, await File.ReadAllTextAsync(Path.Combine(project, "sextant.lock")));

        var forced = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--force", "train", "--format", "json")).ShouldExit(0).Json());
        Assert.Equal("ran", forced[2].Outcome);
        Assert.Contains("forced (--force)", forced[2].Reasons);
        var versions = (await Cli.RunAsync("models", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("versions");
        Assert.Equal(2, versions.GetArrayLength());
    }

    [Fact]
    public async Task Run_FailedCommandStage_StopsKeepsEarlierLockAndNextRunResumesThere()
    {
        var project = await InitAsync("""
            pipeline:
              stages:
                ingest: {}
                check:
                  cmd: test -f go.txt && echo checked > reports/check.txt
                  deps: [go.txt]
                  outs: [reports/check.txt]
                train:
                  deps: [stage:check]
            """);
        Directory.CreateDirectory(Path.Combine(project, "reports"));

        var failed = await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json");
        var stages = Stages(failed.ShouldExit(1).Json());
        Assert.Equal(["ran", "failed", "not_run"], stages.Select(s => s.Outcome));
        Assert.Contains("exited with code 1", stages[1].Error, StringComparison.Ordinal);
        using (var lockFile = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "sextant.lock"))))
        {
            Assert.Equal(["ingest"], lockFile.RootElement.GetProperty("stages").EnumerateObject().Select(p => p.Name));
        }

        await File.WriteAllTextAsync(Path.Combine(project, "go.txt"), "go");
        var resumed = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["up_to_date", "ran", "ran"], resumed.Select(s => s.Outcome));

        // A declared output changed by hand makes its stage stale again.
        await File.WriteAllTextAsync(Path.Combine(project, "reports", "check.txt"), "edited");
        var status = Stages((await Cli.RunAsync("pipeline", "status", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Contains("output 'reports/check.txt' changed since the stage wrote it", status[1].Reasons);
    }

    [Fact]
    public async Task Run_BadPipelineConfig_Exits1WithEveryProblem()
    {
        var project = await InitAsync("""
            pipeline:
              stages:
                ingest: {}
                fit:
                  deps: [stage:nowhere]
                a:
                  cmd: cat b.txt > a.txt
                  deps: [b.txt]
                  outs: [a.txt]
                b:
                  cmd: cat a.txt > b.txt
                  deps: [a.txt]
                  outs: [b.txt]
            """);

        var error = (await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(1).Json().GetProperty("error");

        Assert.Equal("config", error.GetProperty("kind").GetString());
        var messages = error.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("unknown stage kind 'fit'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("pipeline has a cycle", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(project, "sextant.lock")));
    }

    [Fact]
    public async Task Run_EdaAndExportStages_WriteTheReportAndOnnxFileAndRerunWhenAProductIsGone()
    {
        var project = await InitAsync("""
            pipeline:
              stages:
                ingest: {}
                eda:
                  output: reports/eda
                train: {}
                export:
                  output: out/model.onnx
            """);

        var first = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["ran", "ran", "ran", "ran"], first.Select(s => s.Outcome));
        var reportId = Assert.Single(Directory.GetDirectories(Path.Combine(project, ".sextant", "reports")).Select(Path.GetFileName));
        Assert.Contains($"report {reportId} of sales v1", first[1].Summary, StringComparison.Ordinal);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(project, "reports", "eda", "report.html")), StringComparison.Ordinal);
        var onnx = await File.ReadAllBytesAsync(Path.Combine(project, "out", "model.onnx"));
        Assert.Equal(0x08, onnx[0]); // ModelProto field 1 (ir_version, varint)
        Assert.Contains("wrote out/model.onnx", first[3].Summary, StringComparison.Ordinal);
        Assert.Contains("TreeEnsembleRegressor", first[3].Summary, StringComparison.Ordinal);

        Assert.All(Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json()), s => Assert.Equal("up_to_date", s.Outcome));

        // A deleted ONNX file reruns the export alone (same version, same bytes); a deleted stored report reruns eda alone.
        File.Delete(Path.Combine(project, "out", "model.onnx"));
        Directory.Delete(Path.Combine(project, ".sextant", "reports", reportId!), recursive: true);
        var status = Stages((await Cli.RunAsync("pipeline", "status", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["up_to_date", "stale", "up_to_date", "stale"], status.Select(s => s.Outcome));
        Assert.Contains($"EDA report {reportId} is no longer stored", status[1].Reasons);

        var rerun = Stages((await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(0).Json());
        Assert.Equal(["up_to_date", "ran", "up_to_date", "ran"], rerun.Select(s => s.Outcome));
        Assert.Equal(onnx, await File.ReadAllBytesAsync(Path.Combine(project, "out", "model.onnx")));
        Assert.True(File.Exists(Path.Combine(project, ".sextant", "reports", reportId!, "report.html")));
        var versions = (await Cli.RunAsync("models", "-p", project, "--format", "json")).ShouldExit(0).Json().GetProperty("versions");
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task Run_ExportWithoutOutput_IsAConfigProblemAndRunsNothing()
    {
        var project = await InitAsync("""
            pipeline:
              stages:
                ingest: {}
                export: {}
            """);

        var error = (await Cli.RunAsync("pipeline", "run", "-p", project, "--format", "json")).ShouldExit(1).Json().GetProperty("error");

        var messages = error.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("an export stage needs 'output', the ONNX file to write", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(project, "sextant.lock")));
    }

    [Fact]
    public async Task MetricsDiff_LatestTwoRunsAndLockStates_ShowsEachMetricsChange()
    {
        var project = await InitAsync(Pipeline);
        (await Cli.RunAsync("pipeline", "run", "-p", project)).ShouldExit(0);
        var lockCopy = Path.Combine(_folder.Path, "before.lock");
        File.Copy(Path.Combine(project, "sextant.lock"), lockCopy);
        await ProjectFiles.EditConfigAsync(project, "  interval_coverage: 0.8\n", "  interval_coverage: 0.9\n");
        (await Cli.RunAsync("pipeline", "run", "-p", project)).ShouldExit(0);

        var runs = (await Cli.RunAsync("metrics", "diff", "-p", project, "--format", "json")).ShouldExit(0).Json();
        var width = runs.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "interval_width");
        Assert.True(width.GetProperty("new").GetDouble() > width.GetProperty("old").GetDouble(), "90% intervals are wider than 80% ones");
        Assert.Equal(width.GetProperty("new").GetDouble() - width.GetProperty("old").GetDouble(), width.GetProperty("change").GetDouble(), 9);
        var rmse = runs.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "rmse");
        Assert.Equal(0, rmse.GetProperty("change").GetDouble(), 9);

        var locks = (await Cli.RunAsync("metrics", "diff", lockCopy, "lock", "-p", project, "--format", "json")).ShouldExit(0).Json();
        var names = locks.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("metric").GetString()).ToList();
        Assert.Contains("train.interval_width", names);
        Assert.Contains("report.rmse_x2", names);

        var table = (await Cli.RunAsync("metrics", "diff", "v1", "v2", "-p", project)).ShouldExit(0);
        Assert.Contains("interval_width", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("v1", table.Stdout, StringComparison.Ordinal);
    }

    private async Task<string> InitAsync(string pipeline)
    {
        (await Cli.RunAsync("init", _folder.Combine("sales"), "--example", "sales")).ShouldExit(0);
        var project = _folder.Combine("sales");
        await File.AppendAllTextAsync(ProjectFiles.ConfigPath(project), "\n" + pipeline + "\n");
        await File.WriteAllTextAsync(Path.Combine(project, "report.py"),
            "import json\nm = json.load(open('reports/train.json'))\njson.dump({'rmse_x2': m['rmse'] * 2}, open('reports/report.json', 'w'))\n");
        return project;
    }

    private static List<(string Name, string Outcome, List<string> Reasons, string Summary, string Error)> Stages(JsonElement document) =>
        [.. document.GetProperty("stages").EnumerateArray().Select(s => (
            s.GetProperty("name").GetString()!,
            s.GetProperty("outcome").GetString()!,
            s.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList(),
            s.TryGetProperty("summary", out var summary) ? summary.GetString() ?? "" : "",
            s.TryGetProperty("error", out var error) ? error.GetString() ?? "" : ""))];
}
