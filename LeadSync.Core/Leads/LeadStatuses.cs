namespace LeadSync.Core.Leads;

/// <summary>
/// Zoho's default <c>Lead_Status</c> picklist (reference §2.11). Zoho accepts other text too, and so do we:
/// these are the values offered, not the only ones allowed.
/// </summary>
public static class LeadStatuses
{
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "Attempted to Contact",
        "Contact in Future",
        "Contacted",
        "Junk Lead",
        "Lost Lead",
        "Not Contacted",
        "Pre-Qualified",
        "Not Qualified",
    ];
}
