namespace LeadSync.Core.Zoho;

/// <summary>
/// The Zoho endpoint the host serves itself, which the client uses in <see cref="ZohoMode.Sandbox"/>: where the engine
/// reaches it (the host's own address, and the root its OAuth token endpoint <c>{ZohoAddress}/oauth/v2/token</c> and
/// its API <c>{ZohoAddress}/crm/v8/…</c> hang from) and the credentials it accepts. Implemented by whatever serves it;
/// Core knows nothing more of it.
/// </summary>
public interface IBuiltInZohoEndpoint
{
    /// <summary>
    /// The host's own base address as the engine reaches it, e.g. <c>http://127.0.0.1:5080/</c> (Zoho's callbacks to the
    /// app go there in Sandbox mode); throws <see cref="InvalidOperationException"/> until it is known.
    /// </summary>
    Uri GetBaseAddress();

    /// <summary>
    /// The root the endpoint serves Zoho's accounts and API hosts under (both at one address, no trailing slash);
    /// throws <see cref="InvalidOperationException"/> until it is known.
    /// </summary>
    Uri GetZohoAddress();

    /// <summary>The credentials the endpoint accepts, or null when it has none yet.</summary>
    ValueTask<ZohoClientCredentials?> GetCredentialsAsync(CancellationToken cancellationToken = default);
}
