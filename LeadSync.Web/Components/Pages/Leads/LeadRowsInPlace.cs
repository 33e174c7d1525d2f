using LeadSync.Core.Leads;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Merges a live refresh of the grid's page with the rows it showed before: rows that left the page because they
/// changed (left the filter, or sort elsewhere now) stay at their old position, marked; deleted leads go.
/// </summary>
internal static class LeadRowsInPlace
{
    /// <summary>The ids shown before that the fresh page lacks (ask Core for their current versions).</summary>
    public static IReadOnlyList<Guid> Missing(IReadOnlyList<LeadRow> shown, IReadOnlyList<LeadListItem> fresh)
    {
        var freshIds = fresh.Select(i => i.Id).ToHashSet();
        return [.. shown.Select(r => r.Id).Where(id => !freshIds.Contains(id))];
    }

    /// <summary>
    /// The fresh page with each kept row (current version; whether it still matches the filter) inserted where it was
    /// in <paramref name="shown"/>.
    /// </summary>
    public static IReadOnlyList<LeadRow> Merge(
        IReadOnlyList<LeadRow> shown, IReadOnlyList<LeadListItem> fresh, IReadOnlyList<(LeadListItem Item, bool Matches)> kept)
    {
        var rows = fresh.Select(i => new LeadRow(i)).ToList();
        var keptById = kept.ToDictionary(k => k.Item.Id);
        for (var index = 0; index < shown.Count; index++)
        {
            if (keptById.TryGetValue(shown[index].Id, out var current))
            {
                var place = current.Matches ? LeadRowPlace.Moved : LeadRowPlace.LeftFilter;
                rows.Insert(Math.Min(index, rows.Count), new LeadRow(current.Item, place));
            }
        }

        return rows;
    }
}
