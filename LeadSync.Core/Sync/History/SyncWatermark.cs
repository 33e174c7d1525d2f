namespace LeadSync.Core.Sync.History;

/// <summary>
/// How far a pull has applied Zoho's changes (<c>Leads</c>: Modified_Time; <c>DeletedLeads</c>: deleted_time).
/// Kept in its own table so it never depends on what lead rows happen to hold.
/// </summary>
public sealed class SyncWatermark
{
    public const string Leads = "Leads";
    public const string DeletedLeads = "DeletedLeads";

    /// <summary>
    /// Every Zoho record modified at or before this instant has been applied: Zoho's clock (its <c>Date</c> header) when
    /// the last complete read began, minus <c>Sync:PullOverlap</c>. The next pull reads from here when that is later
    /// than <see cref="Leads"/> minus the overlap, so an idle pull does not re-read the last burst of records forever.
    /// </summary>
    public const string LeadsReadThrough = "LeadsReadThrough";

    /// <summary>When the deployment's last scheduled pull started (any instance): one scheduled pull per interval.</summary>
    public const string ScheduledPull = "ScheduledPull";

    public string Name { get; set; } = string.Empty;

    public DateTimeOffset? Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
