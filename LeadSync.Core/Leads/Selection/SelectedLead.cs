namespace LeadSync.Core.Leads.Selection;

/// <summary>One lead of a selection as a bulk action needs it: its id (the chunk cursor) and its Zoho id, if linked.</summary>
public sealed record SelectedLead(Guid Id, string? ZohoId);
