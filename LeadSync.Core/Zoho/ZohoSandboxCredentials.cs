namespace LeadSync.Core.Zoho;

/// <summary>
/// The credentials the client uses in Sandbox mode, exactly <c>Sandbox:ClientId</c>, <c>Sandbox:ClientSecret</c> and
/// <c>Sandbox:RefreshToken</c> (the same keys the built-in sandbox accepts).
/// </summary>
public sealed class ZohoSandboxCredentials
{
    public const string SectionName = "Sandbox";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? RefreshToken { get; set; }
}
