namespace LeadSync.Core.Leads;

/// <summary>The last error Zoho (or the engine) reported for a lead.</summary>
public sealed record SyncError(string Code, string? Field, string Message)
{
    /// <summary>The longest error message stored (the columns of leads, the outbox, history, runs and pull errors).</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>A message cut to <see cref="MaxMessageLength"/>, as every error column stores it.</summary>
    public static string? Clip(string? message) => message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] : message;
}
