using Sextant.Cli;

// Not disposed: a late Ctrl+C (after the command returned) must find it alive rather than throw in the signal handler.
var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancel.Token);
