using Sextant.Pipelines;
using Sextant.Projects;

namespace Sextant.Core.Tests.Pipelines;

public class PipelineDefinitionTests
{
    private const string Head = """
        name: demo
        task: regression
        data:
          path: data/demo.csv
        target: y
        features:
          - name: x
            type: numeric
        """;

    private static ProjectConfig Parse(string pipeline) => ProjectFile.Parse(Head + "\n" + pipeline, "sextant.yaml");

    [Fact]
    public void From_BuiltInsDeclaredOutOfOrder_RunInTheirNaturalOrderWithImpliedInputs()
    {
        var config = Parse("""
            pipeline:
              stages:
                evaluate:
                  file: data/holdout.csv
                train: {}
                report:
                  cmd: python3 report.py
                  deps: [reports/eval.json, config:training.candidates]
                ingest: {}
                validate: {}
                evaluate_metrics:
                  kind: cmd
                  cmd: cp a b
                  outs: [reports/eval.json]
            """);

        var definition = PipelineDefinition.From(config);

        Assert.Equal(["ingest", "validate", "train", "evaluate", "evaluate_metrics", "report"], definition.Stages.Select(s => s.Name));
        var ingest = definition.Find("ingest")!;
        Assert.Contains(new StageInput(StageInputKind.File, "data/demo.csv"), ingest.Inputs);
        Assert.Contains(new StageInput(StageInputKind.Config, "cleaning"), ingest.Inputs);
        Assert.DoesNotContain(ingest.Inputs, i => i.Kind == StageInputKind.Stage);
        var train = definition.Find("train")!;
        Assert.Equal(["ingest", "validate"], train.Upstream);
        Assert.Contains(new StageInput(StageInputKind.Config, "training"), train.Inputs);
        Assert.Equal(["train"], definition.Find("evaluate")!.Upstream);
        Assert.Contains(new StageInput(StageInputKind.File, "data/holdout.csv"), definition.Find("evaluate")!.Inputs);
        var report = definition.Find("report")!;
        Assert.Equal("cmd", report.Kind);
        Assert.Equal(["evaluate_metrics"], report.Upstream);
        Assert.Contains(new StageInput(StageInputKind.Config, "training.candidates"), report.Inputs);
    }

    [Fact]
    public void Parse_BadStages_ReportsEachWithItsLine()
    {
        var yaml = Head + "\n" + """
            pipeline:
              stages:
                ingest: {}
                fit:
                  deps: [stage:ingest]
                report:
                  cmd: echo hi
                  deps: [stage:missing, config:colour]
                promote: {}
                train:
                  to: prod
            """;
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(yaml, "sextant.yaml"));
        var lines = yaml.Split('\n');
        int LineOf(string text) => Array.FindIndex(lines, l => l.TrimEnd() == text) + 1;

        Assert.Contains(ex.Problems, p => p.Line == LineOf("    fit:") && p.Message.Contains("unknown stage kind 'fit'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == LineOf("    report:") && p.Message.Contains("unknown dependency 'stage:missing'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == LineOf("    report:") && p.Message.Contains("unknown dependency 'config:colour'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == LineOf("    promote: {}") && p.Message.Contains("needs 'to'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == LineOf("    train:") && p.Message.Contains("'to' does not apply to a 'train' stage", StringComparison.Ordinal));
        Assert.Equal(5, ex.Problems.Count);
    }

    [Fact]
    public void Parse_Cycle_IsReportedWithItsPath()
    {
        var ex = Assert.Throws<ConfigException>(() => Parse("""
            pipeline:
              stages:
                a:
                  cmd: cat b.txt > a.txt
                  deps: [b.txt]
                  outs: [a.txt]
                b:
                  cmd: cat a.txt > b.txt
                  deps: [a.txt]
                  outs: [b.txt]
                c:
                  cmd: echo c
            """));

        var problem = Assert.Single(ex.Problems);
        Assert.Contains("pipeline has a cycle: ", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Contains("a -> b -> a", StringComparison.Ordinal) || problem.Message.Contains("b -> a -> b", StringComparison.Ordinal), problem.Message);
    }

    [Fact]
    public void Parse_OutputWrittenByTwoStages_IsRefused()
    {
        var ex = Assert.Throws<ConfigException>(() => Parse("""
            pipeline:
              stages:
                a:
                  cmd: echo a > out.txt
                  outs: [out.txt]
                b:
                  cmd: echo b > out.txt
                  outs: [./out.txt]
            """));

        Assert.Contains(ex.Problems, p => p.Message.Contains("output 'out.txt' is also written by stage 'a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoPipelineBlock_HasNoStages()
    {
        Assert.Empty(PipelineDefinition.From(ProjectFile.Parse(Head, "sextant.yaml")).Stages);
    }
}
