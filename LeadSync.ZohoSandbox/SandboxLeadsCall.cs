namespace LeadSync.ZohoSandbox;

/// <summary>What a Leads write handler is given per request (<c>[AsParameters]</c>): the request and the services it uses, all injected.</summary>
internal sealed record SandboxLeadsCall(HttpContext Context, SandboxLeadService Leads, SandboxJson Json, SandboxApiCalls Calls);
