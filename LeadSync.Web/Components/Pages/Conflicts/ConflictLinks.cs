namespace LeadSync.Web.Components.Pages.Conflicts;

/// <summary>Links to the Conflicts page: <c>/conflicts?lead={id}</c> shows only that lead's open conflict.</summary>
public static class ConflictLinks
{
    public const string LeadParameter = "lead";

    /// <summary>The Conflicts page showing <paramref name="leadId"/> only.</summary>
    public static string Lead(Guid leadId) => $"/conflicts?{LeadParameter}={leadId}";
}
