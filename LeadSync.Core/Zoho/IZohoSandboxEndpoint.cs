namespace LeadSync.Core.Zoho;

/// <summary>
/// The built-in sandbox as the client reaches it in Sandbox mode: where it is served (the app's own loopback address;
/// its token endpoint is <c>{BaseAddress}sandbox/zoho/oauth/v2/token</c>, its API <c>{BaseAddress}sandbox/zoho/crm/v8/…</c>)
/// and the credentials it accepts. Implemented by the web host.
/// </summary>
public interface IZohoSandboxEndpoint
{
    /// <summary>The app's base address, e.g. <c>http://127.0.0.1:5080/</c>; throws <see cref="InvalidOperationException"/> until it is known.</summary>
    Uri GetBaseAddress();

    /// <summary>The credentials the sandbox accepts, or null when it has none yet.</summary>
    ValueTask<ZohoClientCredentials?> GetCredentialsAsync(CancellationToken cancellationToken = default);
}
