namespace LeadSync.ZohoSandbox;

/// <summary>A deleted lead as <c>GET /Leads/deleted</c> reports it (§2.8).</summary>
public sealed record SandboxDeletedLead(long Id, string? DisplayName, DateTimeOffset DeletedTime);
