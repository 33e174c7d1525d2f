namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>Where a person wrote: an admin in LeadSync, or a user in Zoho CRM (the sandbox).</summary>
internal enum ModelSide
{
    Local,
    Zoho,
}
