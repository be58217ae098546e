namespace Sextant.Registry;

/// <summary>Another writer changed the registry between a read and a write (e.g. an alias moved during a gate).</summary>
public sealed class RegistryConflictException : SextantException
{
    public RegistryConflictException(string message)
        : base(message)
    {
    }

    public RegistryConflictException()
    {
    }

    public RegistryConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
