using Sextant.Bench;

return args.Length == 0 ? Usage() : args[0] switch
{
    "learners" => LearnerBenchmarks.Run(args.Skip(1).ToArray()),
    "registry" => RegistryBenchmarks.Run(args.Skip(1).ToArray()),
    "explain" => ExplainBenchmarks.Run(args.Skip(1).ToArray()),
    "risk" => RiskBenchmarks.Run(args.Skip(1).ToArray()),
    "forecast" => ForecastBenchmarks.Run(args.Skip(1).ToArray()),
    "drift" => DriftBenchmarks.Run(args.Skip(1).ToArray()),
    "data" => DataBenchmarks.Run(args.Skip(1).ToArray()),
    "eda" => EdaBenchmarks.Run(args.Skip(1).ToArray()),
    "metrics" => MetricsBenchmarks.Run(args.Skip(1).ToArray()),
    "onnx" => await OnnxBenchmarks.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Sextant.Bench -- learners [--threads N] [--quick] [--repeat N] [--only gbm|logloss|quantile|linear|categorical|random_forest [--rf-trees N] [--rf-max-features sqrt|F] [--rf-min-samples-leaf N]]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- registry [--runs 10000] [--postgres postgres://user:password@host:5432/db] [--only sqlite|postgres]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- explain");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- risk");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- forecast [--repeat 5] [--out DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- onnx");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- drift [--seeds 100] [--max-window 1000000] [--reference 1000|100000] [--only rates|speed|store]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- data [--rows 1000000] [--group-rows 10000000] [--folder DIR] [--only ingest|groupby|generate] [--no-load]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- eda [--rows 1000000] [--repeat 3]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Sextant.Bench -- metrics [--n 10000000] [--rounds 20] [--scrapes 2000] [--out DIR]");
    return 2;
}
