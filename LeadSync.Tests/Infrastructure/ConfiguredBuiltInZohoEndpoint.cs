using LeadSync.Core.Zoho;
using Microsoft.Extensions.Configuration;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Core's Sandbox-mode endpoint for tests that run Core without the web host (nothing serves the sandbox): the address
/// is <c>App:PublicUrl</c> (the sandbox's Zoho root under it) and the credentials are <c>Sandbox:ClientId</c>,
/// <c>Sandbox:ClientSecret</c> and <c>Sandbox:RefreshToken</c> from the test's configuration.
/// </summary>
internal sealed class ConfiguredBuiltInZohoEndpoint(IConfiguration configuration) : IBuiltInZohoEndpoint
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

    public Uri GetZohoAddress() => new(GetBaseAddress(), "sandbox/zoho");

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
