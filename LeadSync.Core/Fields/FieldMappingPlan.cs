namespace LeadSync.Core.Fields;

/// <summary>
/// What a mapping change will do, said before it is saved: one sentence per step, the fields whose values a backfill
/// reads from Zoho, and the credits it costs (docs/zoho §4.2).
/// </summary>
/// <param name="Steps">Sentences in the order of the page's fields.</param>
/// <param name="BackfillFields">API names whose values a full read brings in; empty when no read is needed.</param>
/// <param name="LinkedLeads">Leads linked to a Zoho record (the records a backfill reads).</param>
/// <param name="RecordApiCredits">Credits of the backfill by the records API: 1 per page of 200 (0 without backfill).</param>
/// <param name="BulkReadCredits">Credits of the same read by Bulk Read: 50 per 200,000 records (0 without backfill).</param>
public sealed record FieldMappingPlan(
    IReadOnlyList<string> Steps, IReadOnlyList<string> BackfillFields, int LinkedLeads, int RecordApiCredits, int BulkReadCredits)
{
    public bool IsEmpty => Steps.Count == 0;
}
