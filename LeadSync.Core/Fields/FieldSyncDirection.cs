namespace LeadSync.Core.Fields;

/// <summary>Which way an admin lets a mapped field's values travel.</summary>
public enum FieldSyncDirection
{
    /// <summary>Both sides' edits sync, merged per field like the core fields.</summary>
    BothWays = 0,

    /// <summary>Zoho is the source: pulls bring values in, pushes never send the field.</summary>
    ZohoToLeadSync,

    /// <summary>LeadSync is the source: pushes send the field, pulls ignore Zoho's value.</summary>
    LeadSyncToZoho,
}
