using Sextant.Bench;

return args.Length > 0 && args[0] == "learners"
    ? LearnerBenchmarks.Run(args.Skip(1).ToArray())
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Sextant.Bench -- learners [--threads N] [--quick]");
    return 2;
}
