namespace LeadSync.Core.Zoho;

/// <summary>Which Zoho LeadSync talks to.</summary>
public enum ZohoMode
{
    /// <summary>The built-in sandbox served by LeadSync.Web under <c>/sandbox/zoho/</c> (default without credentials).</summary>
    Sandbox,

    /// <summary>A real Zoho CRM account.</summary>
    Live,
}
