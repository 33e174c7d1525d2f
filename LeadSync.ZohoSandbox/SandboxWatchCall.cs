using Microsoft.AspNetCore.Mvc;
namespace LeadSync.ZohoSandbox;

/// <summary>What a watch save handler is given per request (<c>[AsParameters]</c>): the request and the services it uses, all injected (services marked, so the build-time
/// request delegate generator does not take them for a JSON body).</summary>
internal sealed record SandboxWatchCall(
    HttpContext Context, [FromServices] SandboxWatchRegistry Registry, [FromServices] SandboxNotifyTargets Targets, [FromServices] SandboxClock Clock, [FromServices] SandboxApiCalls Calls);
