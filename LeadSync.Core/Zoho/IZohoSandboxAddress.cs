namespace LeadSync.Core.Zoho;

/// <summary>
/// Where the built-in sandbox is served (the app's own address): the sandbox's token endpoint is
/// <c>{BaseAddress}sandbox/zoho/oauth/v2/token</c> and its API <c>{BaseAddress}sandbox/zoho/crm/v8/…</c>.
/// Implemented by the web host.
/// </summary>
public interface IZohoSandboxAddress
{
    /// <summary>The app's base address, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    Uri GetBaseAddress();
}
