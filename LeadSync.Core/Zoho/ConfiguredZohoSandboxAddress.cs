using Microsoft.Extensions.Configuration;

namespace LeadSync.Core.Zoho;

/// <summary>The fallback sandbox address when no web host provides one: <c>App:PublicUrl</c>.</summary>
internal sealed class ConfiguredZohoSandboxAddress(IConfiguration configuration) : IZohoSandboxAddress
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
}
