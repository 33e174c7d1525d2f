namespace LeadSync.ZohoSandbox;

/// <summary>One entry of a watch request (§5): the channel to save and the success message, or the entry's error.</summary>
internal sealed record SandboxWatchItem(SandboxWatchChannel? Channel, SandboxRecordError? Error, string Message)
{
    public static SandboxWatchItem Saved(SandboxWatchChannel channel, string message) => new(channel, null, message);

    public static SandboxWatchItem Failed(SandboxRecordError error) => new(null, error, string.Empty);
}
