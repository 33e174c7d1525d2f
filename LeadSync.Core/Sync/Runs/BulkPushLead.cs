namespace LeadSync.Core.Sync.Runs;

/// <summary>
/// One lead a person asked a push run to send (<c>POST /api/sync/push</c>, the console's "Push to Zoho"). The selection
/// is kept because the run alone cannot tell what happened to it: part of the work may be drained by another run (the
/// scheduled drain, another instance), and a filter may no longer match the leads once they changed.
/// <see cref="BulkPushProgressQueries"/> reads where each selected lead stands now. Removed with its run.
/// </summary>
public sealed class BulkPushLead
{
    public Guid RunId { get; set; }

    public Guid LeadId { get; set; }
}
