using LeadSync.Core.Leads;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// What the admin ticked on the Leads page: lead ids, kept across live refreshes, pages, sorts and filters until the
/// admin clears them; or every lead matching the grid's filter, which a change of filter ends.
/// </summary>
public sealed class LeadGridSelection
{
    private readonly HashSet<Guid> ids = [];

    /// <summary>The selection as the bulk actions take it.</summary>
    public LeadSelection Current { get; private set; } = LeadSelection.None;

    public bool IsFilter => Current.IsFilter;

    public bool Contains(Guid leadId) => Current.IsFilter || ids.Contains(leadId);

    /// <summary>How many of <paramref name="leadIds"/> are selected.</summary>
    public int CountOf(IEnumerable<Guid> leadIds) =>
        Current.IsFilter ? leadIds.Count() : leadIds.Count(ids.Contains);

    /// <summary>The header checkbox of a page: all, none, or some (null) of its leads selected.</summary>
    public bool? StateOf(IReadOnlyCollection<Guid> pageIds)
    {
        ArgumentNullException.ThrowIfNull(pageIds);
        var selected = CountOf(pageIds);
        return selected == 0 ? false : selected == pageIds.Count ? true : null;
    }

    public void Set(Guid leadId, bool selected) => Set([leadId], selected);

    /// <summary>Selects or unselects these leads, keeping every other id.</summary>
    public void Set(IEnumerable<Guid> leadIds, bool selected)
    {
        foreach (var id in leadIds)
        {
            if (selected)
            {
                ids.Add(id);
            }
            else
            {
                ids.Remove(id);
            }
        }

        Current = LeadSelection.Explicit(ids);
    }

    /// <summary>A lead is gone (deleted): it leaves an id selection.</summary>
    public void Forget(Guid leadId)
    {
        if (!Current.IsFilter && ids.Remove(leadId))
        {
            Current = LeadSelection.Explicit(ids);
        }
    }

    public void SelectAllMatching(LeadFilter filter, int count, bool countIsLowerBound = false)
    {
        ids.Clear();
        Current = LeadSelection.Matching(filter, count, countIsLowerBound);
    }

    /// <summary>The grid reloaded: an "all matching" selection takes the filter's new count.</summary>
    public void Reloaded(LeadFilter filter, int count, bool countIsLowerBound = false)
    {
        if (Current.IsFilter)
        {
            Current = LeadSelection.Matching(filter, count, countIsLowerBound);
        }
    }

    /// <summary>The filter changed: ticked ids stay; "all matching" the old filter ends.</summary>
    public void FilterChanged()
    {
        if (Current.IsFilter)
        {
            Clear();
        }
    }

    public void Clear()
    {
        ids.Clear();
        Current = LeadSelection.None;
    }
}
