using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>What a Bulk API handler is given per request (<c>[AsParameters]</c>): the request and the services it uses, all injected.</summary>
internal sealed record SandboxBulkCall(
    HttpContext Context,
    SandboxBulkJobs Jobs,
    SandboxApiCalls Calls,
    SandboxBulkJson Json,
    IOptions<ZohoSandboxOptions> Options)
{
    public SandboxBulkOptions Limits => Options.Value.Bulk;

    public CancellationToken Aborted => Context.RequestAborted;
}
