namespace LeadSync.ZohoSandbox;

/// <summary>A notification waiting to be posted to a channel's <c>notify_url</c>.</summary>
public sealed record SandboxCallback(SandboxWatchChannel Channel, string Operation, IReadOnlyList<long> Ids, DateTimeOffset ServerTime);
