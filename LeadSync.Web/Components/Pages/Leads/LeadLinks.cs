namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Links that open one lead on the Leads page: <c>/leads?lead={id}&amp;field={field}</c> opens its dialog with that
/// field's editor focused (read by <see cref="LeadsPage"/>, LeadsPage.LinkedLead.cs).
/// </summary>
public static class LeadLinks
{
    public const string LeadParameter = "lead";

    public const string FieldParameter = "field";

    /// <summary>The Leads page opening <paramref name="leadId"/>, focused on <paramref name="field"/> when given.</summary>
    public static string Edit(Guid leadId, string? field = null) =>
        field is null
            ? $"/leads?{LeadParameter}={leadId}"
            : $"/leads?{LeadParameter}={leadId}&{FieldParameter}={Uri.EscapeDataString(field)}";
}
