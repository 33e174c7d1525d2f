namespace LeadSync.Web.Sandbox;

/// <summary>Whether the sandbox is served: <c>Zoho:Mode</c> is <c>Sandbox</c> (the default when the key is absent).</summary>
public sealed record ZohoSandboxActivation(bool Enabled);
