namespace LeadSync.Core.Zoho;

/// <summary>Zoho error codes whose meaning LeadSync acts on (§3), in one place.</summary>
public static class ZohoErrorCodes
{
    /// <summary>
    /// §2.5: the record changed after the update's <c>If-Unmodified-Since</c> time and was not written. Not a refusal of
    /// the values: read the record again and merge before trying once more.
    /// </summary>
    public const string AlreadyModified = "ALREADY_MODIFIED";
}
