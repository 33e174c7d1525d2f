using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>What a Bulk API handler is given per request (<c>[AsParameters]</c>): the request and the services it uses, all injected (services marked, so the build-time
/// request delegate generator does not take them for a JSON body).</summary>
internal sealed record SandboxBulkCall(
    HttpContext Context,
    [FromServices] SandboxBulkJobs Jobs,
    [FromServices] SandboxApiCalls Calls,
    [FromServices] SandboxBulkJson Json,
    [FromServices] IOptions<ZohoSandboxOptions> Options)
{
    public SandboxBulkOptions Limits => Options.Value.Bulk;

    public CancellationToken Aborted => Context.RequestAborted;
}
