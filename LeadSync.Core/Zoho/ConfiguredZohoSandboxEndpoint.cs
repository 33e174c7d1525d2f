using Microsoft.Extensions.Configuration;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The fallback when no web host serves the sandbox: the address is <c>App:PublicUrl</c> and the credentials are
/// <c>Sandbox:ClientId</c>, <c>Sandbox:ClientSecret</c> and <c>Sandbox:RefreshToken</c> from configuration (none by default).
/// </summary>
internal sealed class ConfiguredZohoSandboxEndpoint(IConfiguration configuration) : IZohoSandboxEndpoint
{
    public Uri GetBaseAddress()
    {
        var url = configuration["App:PublicUrl"];
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException(
                "Zoho is in Sandbox mode but the sandbox address is unknown: set App:PublicUrl (e.g. http://127.0.0.1:5080).");
        }

        return uri;
    }

    public ValueTask<ZohoClientCredentials?> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        var clientId = configuration["Sandbox:ClientId"];
        var clientSecret = configuration["Sandbox:ClientSecret"];
        var refreshToken = configuration["Sandbox:RefreshToken"];
        return ValueTask.FromResult(string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(clientSecret) || string.IsNullOrWhiteSpace(refreshToken)
            ? null
            : new ZohoClientCredentials(clientId, clientSecret, refreshToken));
    }
}
