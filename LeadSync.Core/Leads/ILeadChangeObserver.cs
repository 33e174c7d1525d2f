namespace LeadSync.Core.Leads;

/// <summary>Told after a lead change committed (for live views); <c>state</c> is null when the lead was deleted.</summary>
public interface ILeadChangeObserver
{
    Task LeadChangedAsync(Guid leadId, SyncState? state, CancellationToken cancellationToken);
}
