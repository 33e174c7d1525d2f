namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>The Leads page's query-string values as received (raw text, so a value that is not a number cannot fail the page; <see cref="LeadListUrl.Parse"/> makes a view of them).</summary>
public sealed record LeadListQuery(
    string? Search, string[]? States, string[]? Statuses, string? Sort, string? Direction, string? Page, string? Size,
    string[]? Fields = null, string? FieldSort = null, string? FieldErrors = null);
