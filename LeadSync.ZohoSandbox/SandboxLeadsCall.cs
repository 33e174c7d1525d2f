using Microsoft.AspNetCore.Mvc;
namespace LeadSync.ZohoSandbox;

/// <summary>What a Leads write handler is given per request (<c>[AsParameters]</c>): the request and the services it uses, all injected (services marked, so the build-time
/// request delegate generator does not take them for a JSON body).</summary>
internal sealed record SandboxLeadsCall(HttpContext Context, [FromServices] SandboxLeadService Leads, [FromServices] SandboxJson Json, [FromServices] SandboxApiCalls Calls);
