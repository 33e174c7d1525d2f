namespace LeadSync.Core.Outbox;

/// <summary>What a queued push does in Zoho.</summary>
public enum OutboxOperation
{
    /// <summary>Create or update the lead in Zoho (upsert by Email without a ZohoId, update by id with one).</summary>
    Upsert = 0,

    /// <summary>Delete the lead's Zoho record (the local row is already gone).</summary>
    Delete = 1,
}
