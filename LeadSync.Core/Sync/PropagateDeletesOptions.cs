namespace LeadSync.Core.Sync;

/// <summary><c>Sync:PropagateDeletes</c>: whether a delete on one side deletes the record on the other.</summary>
public sealed class PropagateDeletesOptions
{
    /// <summary>A lead deleted in LeadSync is deleted in Zoho (default true); otherwise only the local row goes.</summary>
    public bool ToZoho { get; set; } = true;

    /// <summary>
    /// A lead deleted in Zoho is deleted here (default true); otherwise the local lead is kept, unlinked (no Zoho id,
    /// state NeverSynced, error <c>ZOHO_DELETED</c>) so nothing re-creates it until someone pushes it.
    /// </summary>
    public bool FromZoho { get; set; } = true;
}
