namespace LeadSync.Core.Leads;

/// <summary>
/// How a page of a searched list is read, chosen by <see cref="LeadPageSource"/> from the exact number of matches:
/// walk the sort index and keep the matches until the page is full (a term matching many leads), or take the matches
/// first and sort them (a term matching few, or a page deep in the list).
/// </summary>
internal enum SearchPlan
{
    /// <summary>Whatever the database's planner picks (counts, bulk actions, exports).</summary>
    Planner,

    /// <summary>Walk the list's sort index, keeping matches, and stop at the page's last row.</summary>
    InListOrder,

    /// <summary>Find every match through the search index first, then sort them.</summary>
    MatchesFirst,

    /// <summary>
    /// Walk the list's sort index testing the LIKE on each entry, which carries the search text (SQLite's
    /// <c>IX_Leads_UpdatedAt_Id</c> and <c>IX_Leads_LastName_Id</c>): no row is read until the page's own.
    /// </summary>
    OnIndexEntries,
}
