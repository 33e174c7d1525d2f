namespace LeadSync.ZohoSandbox;

/// <summary>A record-level Zoho error (§3): <c>code</c>, <c>message</c> and the <c>details</c> keys that apply.</summary>
public sealed record SandboxRecordError(string Code, string Message)
{
    public string? ApiName { get; init; }

    public string? JsonPath { get; init; }

    public int? MaximumLength { get; init; }

    public string? ExpectedDataType { get; init; }

    public int? ResourcePathIndex { get; init; }

    public string? Id { get; init; }

    public static SandboxRecordError Mandatory(string apiName) => new("MANDATORY_NOT_FOUND", "required field not found") { ApiName = apiName };

    public static SandboxRecordError TooLong(string apiName, int maximumLength) =>
        new("INVALID_DATA", "invalid data") { ApiName = apiName, MaximumLength = maximumLength };

    public static SandboxRecordError WrongType(string apiName, string expectedDataType) =>
        new("INVALID_DATA", "invalid data") { ApiName = apiName, ExpectedDataType = expectedDataType };

    public static SandboxRecordError InvalidId() => new("INVALID_DATA", "the id given seems to be invalid") { ApiName = "id" };

    /// <summary>§2.5: the record changed after the request's <c>If-Unmodified-Since</c> time.</summary>
    public static SandboxRecordError AlreadyModified(int? index) =>
        new("ALREADY_MODIFIED", "the record has been modified after the time given in If-Unmodified-Since")
        {
            ApiName = "id",
            JsonPath = index is { } i ? $"$.data[{i}].id" : null,
        };

    /// <summary>Adds the JSON path of the field in record <paramref name="index"/> (v3+ error details).</summary>
    public SandboxRecordError At(int index) => ApiName is null || JsonPath is not null ? this : this with { JsonPath = $"$.data[{index}].{ApiName}" };
}
