using LeadSync.Core.Zoho;

namespace LeadSync.Core.Outbox;

/// <summary>What happened to one claimed entry in Zoho.</summary>
internal sealed record PushOutcome(ClaimedEntry Claim, PushOutcomeKind Kind, ZohoWriteResult? Result, ZohoRecordError? Error);
