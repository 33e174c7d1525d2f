namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Why a row is on the grid. A live refresh keeps rows the user was looking at where they were (a grid filtered on
/// Synced does not empty itself when the user presses Push) and says why they no longer belong, until the user moves on.
/// </summary>
public enum LeadRowPlace
{
    /// <summary>The lead is on this page of the view.</summary>
    InView,

    /// <summary>The lead changed and no longer matches the filter (e.g. it turned Pending under a Synced filter).</summary>
    LeftFilter,

    /// <summary>The lead still matches but now sorts onto another page.</summary>
    Moved,
}
