using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Core's built-in Zoho endpoint is the sandbox, served by this app, and the engine reaches it the way the sandbox lets
/// it in: on the address Kestrel listens on, with wildcard and <c>localhost</c> hosts replaced by <c>127.0.0.1</c> (a
/// loopback caller), never through <c>App:PublicUrl</c> (a proxy in front would make the engine a remote caller).
/// Credentials come from <see cref="SandboxCredentialStore"/>.
/// </summary>
internal sealed class KestrelZohoSandboxEndpoint(IServer server, SandboxCredentialStore credentials) : IBuiltInZohoEndpoint
{
    private static readonly string[] Wildcards = ["://0.0.0.0", "://[::]", "://+", "://*", "://localhost"];

    public Uri GetBaseAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.Select(Loopback).OrderBy(a => a.StartsWith("http://127.0.0.1", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("The Zoho sandbox address is unknown: the server is not listening yet.");
        return new Uri(http.EndsWith('/') ? http : http + "/", UriKind.Absolute);
    }

    /// <summary>The sandbox's Zoho root on that address: <c>{base}sandbox/zoho</c> (<see cref="ZohoSandboxEndpoints.BasePath"/>).</summary>
    public Uri GetZohoAddress() => new(GetBaseAddress(), ZohoSandboxEndpoints.BasePath.TrimStart('/'));

    public async ValueTask<ZohoClientCredentials?> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
        await credentials.GetAsync(cancellationToken);

    private static string Loopback(string address)
    {
        foreach (var wildcard in Wildcards)
        {
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.OrdinalIgnoreCase);
        }

        return address;
    }
}
