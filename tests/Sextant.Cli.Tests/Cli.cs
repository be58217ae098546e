namespace Sextant.Cli.Tests;

/// <summary>Runs the real command line in-process with captured streams.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        // Not disposed, and synchronized: progress lines are reported through System.Progress<T>, whose handlers
        // run on the thread pool and can still write after the command has returned.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var syncOut = TextWriter.Synchronized(stdout);
        var syncErr = TextWriter.Synchronized(stderr);
        var exit = await CliApp.RunAsync(args, syncOut, syncErr, CancellationToken.None);
        return new CliResult(args, exit, Read(syncOut, stdout), Read(syncErr, stderr));
    }

    // TextWriter.Synchronized locks on the wrapper (MethodImplOptions.Synchronized), so this lock excludes late writes.
    private static string Read(TextWriter sync, StringWriter inner)
    {
        lock (sync)
        {
            return inner.ToString();
        }
    }
}
