using LeadSync.Core.Zoho;

namespace LeadSync.Core.Outbox;

/// <summary>What happened to one claimed entry in Zoho.</summary>
public sealed record PushOutcome(ClaimedEntry Claim, PushOutcomeKind Kind, ZohoWriteResult? Result, ZohoRecordError? Error)
{
    /// <summary>A new lead that Zoho inserted (an upsert that matched an existing record by email reports "update").</summary>
    public bool IsCreate => IsCreateOf(Claim, Result);

    public static bool IsCreateOf(ClaimedEntry claim, ZohoWriteResult? result) =>
        claim.LeadZohoId is null && !string.Equals(result?.Action, "update", StringComparison.OrdinalIgnoreCase);
}
