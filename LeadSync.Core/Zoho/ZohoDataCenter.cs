namespace LeadSync.Core.Zoho;

/// <summary>Zoho data centres (§1.1); each has its own accounts and API hosts.</summary>
public enum ZohoDataCenter
{
    US,
    EU,
    IN,
    AU,
    JP,
    CN,
    CA,
    SA,
}
