using LeadSync.Core.Zoho;
using Microsoft.Extensions.Configuration;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Where Zoho calls back when a Bulk Write job ends: <c>{App:PublicUrl}/webhooks/zoho/bulk-write/{token}</c>, the app's
/// own address in Sandbox mode, or none (polling alone) when connected to a real Zoho without a public address. The
/// token is the job's own, random and unguessable: the endpoint refuses any other.
/// </summary>
public sealed class BulkWriteCallbackAddress(IConfiguration configuration, IZohoConnectionSettingsProvider connection, IBuiltInZohoEndpoint builtInZoho)
{
    public const string PathPrefix = "webhooks/zoho/bulk-write/";

    public async Task<string?> ForTokenAsync(string token, CancellationToken cancellationToken)
    {
        var publicUrl = configuration["App:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(publicUrl))
        {
            return new Uri(new Uri(publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/", UriKind.Absolute), PathPrefix + token).ToString();
        }

        var settings = await connection.GetAsync(cancellationToken);
        return settings.Mode == ZohoMode.Sandbox ? new Uri(builtInZoho.GetBaseAddress(), PathPrefix + token).ToString() : null;
    }
}
