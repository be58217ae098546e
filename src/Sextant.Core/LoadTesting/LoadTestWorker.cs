namespace Sextant.LoadTesting;

/// <summary>One sender's state: its tally, a buffer for reading answers, and a timeout source reused while it does not fire.</summary>
internal sealed class LoadTestWorker : IDisposable
{
    public LoadTestWorker(CancellationToken cancellationToken) => Timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

    public LoadTestTally Tally { get; } = new();

    public byte[] Buffer { get; } = new byte[16 * 1024];

    public CancellationTokenSource Timeout { get; private set; }

    /// <summary>Disarms the timeout after a request; a fired one is replaced.</summary>
    public void ResetTimeout(CancellationToken cancellationToken)
    {
        if (!Timeout.TryReset())
        {
            Timeout.Dispose();
            Timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }
    }

    public void Dispose() => Timeout.Dispose();
}
