namespace LeadSync.ZohoSandbox;

/// <summary>What every entry of one watch request is read against: the enabled channels, the allowed targets, the mode, the API base and now.</summary>
internal sealed record SandboxWatchRequest(
    SandboxWatchRegistry Registry, SandboxNotifyTargets Targets, SandboxWatchMode Mode, string ApiBase, DateTimeOffset Now);
