namespace Sextant.Cli;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread at once, so progress lines keep their order and never outlive the command.</summary>
internal sealed class ImmediateProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
