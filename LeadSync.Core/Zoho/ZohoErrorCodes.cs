namespace LeadSync.Core.Zoho;

/// <summary>Zoho error codes whose meaning LeadSync acts on (§3), in one place.</summary>
public static class ZohoErrorCodes
{
    /// <summary>
    /// §2.5: the record changed after the update's <c>If-Unmodified-Since</c> time and was not written. Not a refusal of
    /// the values: read the record again and merge before trying once more.
    /// </summary>
    public const string AlreadyModified = "ALREADY_MODIFIED";

    public const string InvalidData = "INVALID_DATA";

    /// <summary>
    /// §2.5, §2.7: the record a write or delete named does not exist (any more): <c>INVALID_DATA</c> on the <c>id</c>
    /// (the body form names <c>api_name: id</c>; older answers only say "the id given seems to be invalid").
    /// </summary>
    public static bool IsRecordGone(ZohoRecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code == InvalidData
            && (string.Equals(error.ApiName, "id", StringComparison.Ordinal) || error.Message.Contains("id given", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Codes that say "try again", not "these values are wrong" (§3): Zoho's passing failures, a lost answer, and a record
    /// modified after an update's precondition (read it again and merge first).
    /// </summary>
    public static bool IsPassing(string code) => code is "INTERNAL_ERROR" or "TOO_MANY_REQUESTS" or "NO_RESULT" or AlreadyModified;
}
