using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LeadSync.Web.Zoho;

/// <summary>
/// The sandbox lives in this app: its address is <c>App:PublicUrl</c> when set, else the first address Kestrel listens
/// on, with wildcard and <c>localhost</c> hosts replaced by <c>127.0.0.1</c>.
/// </summary>
internal sealed class KestrelZohoSandboxAddress(IServer server, IConfiguration configuration) : IZohoSandboxAddress
{
    public Uri GetBaseAddress()
    {
        var publicUrl = configuration["App:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(publicUrl))
        {
            return WithSlash(publicUrl);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The Zoho sandbox address is unknown: the server is not listening yet and App:PublicUrl is not set.");
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*", "://localhost" })
        {
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.OrdinalIgnoreCase);
        }

        return WithSlash(address);
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
