namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>A generated sequence broke an invariant (or never reached quiescence); the message is the report.</summary>
public sealed class ModelViolationException : Exception
{
    public ModelViolationException()
    {
    }

    public ModelViolationException(string message)
        : base(message)
    {
    }

    public ModelViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
