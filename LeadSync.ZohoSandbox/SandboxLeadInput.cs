namespace LeadSync.ZohoSandbox;

/// <summary>The sandbox page's lead form (what a Zoho user types).</summary>
public sealed class SandboxLeadInput
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? LeadStatus { get; set; }

    public string? Company { get; set; }

    public static SandboxLeadInput From(SandboxLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new SandboxLeadInput
        {
            FirstName = lead.FirstName,
            LastName = lead.LastName,
            Email = lead.Email,
            Phone = lead.Phone,
            LeadStatus = lead.LeadStatus,
            Company = lead.Company,
        };
    }
}
