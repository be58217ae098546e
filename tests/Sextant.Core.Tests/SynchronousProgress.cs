namespace Sextant.Core.Tests;

/// <summary>Reports progress on the calling thread (System.Progress posts to the thread pool), so tests see every message in order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
