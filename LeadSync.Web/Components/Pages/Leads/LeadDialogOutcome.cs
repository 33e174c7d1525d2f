namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>What the lead dialog did before it closed (the data of its OK result).</summary>
public enum LeadDialogOutcome
{
    Created,
    Updated,
    Deleted,
}
