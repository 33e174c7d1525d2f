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
}
