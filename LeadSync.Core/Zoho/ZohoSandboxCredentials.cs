namespace LeadSync.Core.Zoho;

/// <summary>
/// The credentials the client uses in Sandbox mode, exactly <c>Sandbox:ClientId</c>, <c>Sandbox:ClientSecret</c> and
/// <c>Sandbox:RefreshToken</c> (the same keys the built-in sandbox accepts). The defaults are the sandbox's documented
/// development values (not secrets: the sandbox holds no real data) and must equal those of LeadSync.Web's sandbox options.
/// </summary>
public sealed class ZohoSandboxCredentials
{
    public const string SectionName = "Sandbox";

    public string? ClientId { get; set; } = "1000.SANDBOXCLIENT";

    public string? ClientSecret { get; set; } = "sandbox-client-secret";

    public string? RefreshToken { get; set; } = "1000.sandbox.refresh-token";
}
