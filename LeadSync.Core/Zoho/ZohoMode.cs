namespace LeadSync.Core.Zoho;

/// <summary>Which Zoho LeadSync talks to.</summary>
public enum ZohoMode
{
    /// <summary>The Zoho endpoint the host serves itself (<see cref="IBuiltInZohoEndpoint"/>); the default without credentials.</summary>
    Sandbox,

    /// <summary>A real Zoho CRM account.</summary>
    Live,
}
