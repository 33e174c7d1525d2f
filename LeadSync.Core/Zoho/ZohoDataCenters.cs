namespace LeadSync.Core.Zoho;

/// <summary>The hosts of each Zoho data centre (§1.1). Canada's accounts host is <c>zohocloud.ca</c>, not <c>zoho.ca</c>.</summary>
public static class ZohoDataCenters
{
    public static string AccountsUrl(ZohoDataCenter dataCenter) => dataCenter switch
    {
        ZohoDataCenter.US => "https://accounts.zoho.com",
        ZohoDataCenter.EU => "https://accounts.zoho.eu",
        ZohoDataCenter.IN => "https://accounts.zoho.in",
        ZohoDataCenter.AU => "https://accounts.zoho.com.au",
        ZohoDataCenter.JP => "https://accounts.zoho.jp",
        ZohoDataCenter.CN => "https://accounts.zoho.com.cn",
        ZohoDataCenter.CA => "https://accounts.zohocloud.ca",
        ZohoDataCenter.SA => "https://accounts.zoho.sa",
        _ => throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown Zoho data centre."),
    };

    public static string ApiUrl(ZohoDataCenter dataCenter) => dataCenter switch
    {
        ZohoDataCenter.US => "https://www.zohoapis.com",
        ZohoDataCenter.EU => "https://www.zohoapis.eu",
        ZohoDataCenter.IN => "https://www.zohoapis.in",
        ZohoDataCenter.AU => "https://www.zohoapis.com.au",
        ZohoDataCenter.JP => "https://www.zohoapis.jp",
        ZohoDataCenter.CN => "https://www.zohoapis.com.cn",
        ZohoDataCenter.CA => "https://www.zohoapis.ca",
        ZohoDataCenter.SA => "https://www.zohoapis.sa",
        _ => throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown Zoho data centre."),
    };

    /// <summary>
    /// The file host Bulk Write uploads go to (§1.1, §6.2): <c>content.zohoapis.{tld}</c>, except Canada
    /// (<c>upload.zohocloud.ca</c>) and Saudi Arabia (<c>files.zoho.sa</c>).
    /// </summary>
    public static string FileUrl(ZohoDataCenter dataCenter) => dataCenter switch
    {
        ZohoDataCenter.US => "https://content.zohoapis.com",
        ZohoDataCenter.EU => "https://content.zohoapis.eu",
        ZohoDataCenter.IN => "https://content.zohoapis.in",
        ZohoDataCenter.AU => "https://content.zohoapis.com.au",
        ZohoDataCenter.JP => "https://content.zohoapis.jp",
        ZohoDataCenter.CN => "https://content.zohoapis.com.cn",
        ZohoDataCenter.CA => "https://upload.zohocloud.ca",
        ZohoDataCenter.SA => "https://files.zoho.sa",
        _ => throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown Zoho data centre."),
    };
}
