namespace LeadSync.Web.Components.Pages.Leads.Import;

/// <summary>The download of an import's refused rows (served by <c>LeadImportEndpoints</c>).</summary>
public static class ImportLinks
{
    public static string Refused(Guid jobId) => $"/leads/import/{jobId}/refused.csv";
}
