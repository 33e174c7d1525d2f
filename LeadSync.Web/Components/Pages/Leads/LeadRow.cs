using LeadSync.Core.Leads;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// A row of the leads grid, equal to another when it shows the same lead. The grid keys its rows by item
/// (<c>@key</c>): keyed by lead id, a row whose values changed in a live refresh is updated in place rather than replaced,
/// so a checkbox the user is clicking at that moment keeps its element and its click.
/// </summary>
public sealed class LeadRow(LeadListItem item, LeadRowPlace place = LeadRowPlace.InView) : IEquatable<LeadRow>
{
    public LeadListItem Lead { get; } = item ?? throw new ArgumentNullException(nameof(item));

    /// <summary>Whether the row belongs to the view, or is kept in place after it changed under the user.</summary>
    public LeadRowPlace Place { get; } = place;

    public Guid Id => Lead.Id;

    public bool Equals(LeadRow? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => obj is LeadRow other && Equals(other);

    public override int GetHashCode() => Id.GetHashCode();
}
