using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Core.Tests.Training;

public class DataSplitTests
{
    [Theory]
    [InlineData(1000, 0.07, 0.2, 1)]
    [InlineData(997, 0.31, 0.25, 2)]
    [InlineData(53, 0.1, 0.2, 3)]
    public void Stratified_EachClassKeepsItsShareWithinOneRow(int rows, double positiveShare, double testFraction, int seed)
    {
        var rng = new Random(seed);
        var labels = Enumerable.Range(0, rows).Select(_ => rng.NextDouble() < positiveShare ? 1.0 : 0.0).ToArray();
        var (train, test) = DataSplit.Stratified(labels, testFraction, seed);

        Assert.Equal(Enumerable.Range(0, rows), train.Concat(test).Order());
        Assert.Equal(Math.Round(rows * testFraction), test.Length);
        foreach (var label in new[] { 0.0, 1.0 })
        {
            var inClass = labels.Count(l => l == label);
            var exactTest = inClass * (double)test.Length / rows;
            var exactTrain = inClass * (double)train.Length / rows;
            Assert.InRange(test.Count(i => labels[i] == label), exactTest - 1, exactTest + 1);
            Assert.InRange(train.Count(i => labels[i] == label), exactTrain - 1, exactTrain + 1);
        }
    }

    [Fact]
    public void Stratified_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var labels = Enumerable.Range(0, 500).Select(i => i % 5 == 0 ? 1.0 : 0.0).ToArray();
        Assert.Equal(DataSplit.Stratified(labels, 0.2, 7).Test, DataSplit.Stratified(labels, 0.2, 7).Test);
        Assert.NotEqual(DataSplit.Stratified(labels, 0.2, 7).Test, DataSplit.Stratified(labels, 0.2, 8).Test);
    }

    [Fact]
    public async Task LabelledData_Classification_TestRowsKeepTheChurnRateUnlessTurnedOff()
    {
        using var dir = new TempDirectory();
        await ExampleProjects.Create("churn", 900).WriteToAsync(dir.Path);
        await using var project = await SextantProject.OpenAsync(dir.Path);
        await Ingestion.IngestAsync(project);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        var config = project.Config;

        var data = LabelledData.Prepare(config, project.Schema, table);
        var positives = data.Target.Count(t => t == 1);
        var exact = positives * (double)data.TestRows.Length / data.Target.Length;
        Assert.InRange(data.TestRows.Count(i => data.Target[i] == 1), exact - 1, exact + 1);

        var unstratified = LabelledData.Prepare(config with { Split = config.Split with { Stratify = false } }, project.Schema, table);
        Assert.Equal(DataSplit.Random(data.Target.Length, config.Split.TestFraction, config.Split.Seed).Test, unstratified.TestRows);
        Assert.NotEqual(data.TestRows, unstratified.TestRows);
    }
}
