namespace LeadSync.Core.Zoho;

/// <summary>The connection to use right now (configuration + database overrides); read by the client on every call.</summary>
public interface IZohoConnectionSettingsProvider
{
    ValueTask<ZohoConnectionSettings> GetAsync(CancellationToken cancellationToken = default);
}
