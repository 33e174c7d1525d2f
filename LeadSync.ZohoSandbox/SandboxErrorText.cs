namespace LeadSync.ZohoSandbox;

/// <summary>Turns a record-level Zoho error into a sentence naming the field and the rule (for the sandbox page).</summary>
public static class SandboxErrorText
{
    public static string Describe(SandboxRecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            { Code: "MANDATORY_NOT_FOUND", ApiName: { } field } => $"{field} is required.",
            { MaximumLength: { } max, ApiName: { } field } => $"{field} can be at most {max} characters.",
            { ExpectedDataType: { } type, ApiName: { } field } => $"{field} must be a valid {type}.",
            _ => $"{error.Code}: {error.Message}",
        };
    }
}
