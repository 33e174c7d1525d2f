namespace LeadSync.ZohoSandbox;

/// <summary>How the sandbox answers <c>GET /Leads/{id}</c> for an id it does not hold (§2.3).</summary>
public enum SandboxUnknownIdResponse
{
    /// <summary>HTTP 204 with an empty body.</summary>
    NoContent,

    /// <summary>HTTP 400 <c>INVALID_DATA</c> "the id given seems to be invalid" with <c>resource_path_index: 1</c>.</summary>
    InvalidData,
}
