namespace LeadSync.Core.Outbox;

/// <summary>
/// A Zoho record a delete of ours removed (a lead deleted here, its delete carried out in Zoho). A pull that read the
/// record before that delete must not bring it back as a new lead: the row stands for the finished delete the way the
/// outbox entry stood for the waiting one, until a pull that started after the delete has finished
/// (<see cref="Sync.State.LeadSyncTransitions.DeleteDone"/>, <see cref="Sync.State.LeadSyncTransitions.ForgetDeletionsAsync"/>).
/// </summary>
public sealed class ZohoDeletion
{
    public long Id { get; set; }

    public string ZohoId { get; set; } = string.Empty;

    /// <summary>When Zoho's answer to the delete was stored (LeadSync's clock).</summary>
    public DateTimeOffset DeletedAt { get; set; }
}
