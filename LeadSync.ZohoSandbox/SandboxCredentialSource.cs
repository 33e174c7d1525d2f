namespace LeadSync.ZohoSandbox;

/// <summary>Where the sandbox's credentials come from.</summary>
public enum SandboxCredentialSource
{
    /// <summary>Generated at random on the first start and stored encrypted in LeadSync's settings table.</summary>
    Generated,

    /// <summary>Set explicitly: <c>Sandbox:ClientId</c>, <c>Sandbox:ClientSecret</c> and <c>Sandbox:RefreshToken</c>.</summary>
    Configuration,
}
