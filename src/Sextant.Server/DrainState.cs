namespace Sextant.Server;

/// <summary>Whether the server is draining: stopping, still answering, already unready so balancers stop sending.</summary>
public sealed class DrainState
{
    private volatile bool _draining;

    /// <summary>Gets whether a stop has begun.</summary>
    public bool Draining => _draining;

    /// <summary>Marks the stop and keeps the caller (the host's stop) waiting for <paramref name="delay"/> while requests are still served.</summary>
    public void Begin(TimeSpan delay)
    {
        _draining = true;
        if (delay > TimeSpan.Zero)
        {
            Thread.Sleep(delay);
        }
    }
}
