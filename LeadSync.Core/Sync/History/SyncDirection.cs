namespace LeadSync.Core.Sync.History;

/// <summary>Which way a lead's values went.</summary>
public enum SyncDirection
{
    /// <summary>LeadSync → Zoho.</summary>
    Push,

    /// <summary>Zoho → LeadSync.</summary>
    Pull,
}
