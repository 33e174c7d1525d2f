namespace LeadSync.ZohoSandbox;

/// <summary>What a watch save handler is given per request (<c>[AsParameters]</c>): the request and the services it uses, all injected.</summary>
internal sealed record SandboxWatchCall(
    HttpContext Context, SandboxWatchRegistry Registry, SandboxNotifyTargets Targets, SandboxClock Clock, SandboxApiCalls Calls);
