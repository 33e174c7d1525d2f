using System.ComponentModel.DataAnnotations;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The <c>Sandbox</c> section: the built-in Zoho CRM emulator's credentials, limits and fault injection.
/// Its credentials are generated on the first start unless all three are set here (see <see cref="SandboxCredentialStore"/>).
/// </summary>
public sealed class ZohoSandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>The client id the sandbox accepts; with the two below, overrides the generated credentials.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? RefreshToken { get; set; }

    /// <summary>
    /// When false (default) the sandbox's Zoho endpoints (OAuth and CRM) answer only callers on this machine (loopback,
    /// or this server's own address) that did not come through a proxy; the app's own engine is such a caller.
    /// </summary>
    public bool AllowRemoteCallers { get; set; }

    /// <summary>
    /// Besides the app's own <c>/webhooks/zoho</c>, the URL prefixes a watch's <c>notify_url</c> may point at (none by
    /// default): the sandbox never posts anywhere a caller chooses.
    /// </summary>
    public IList<string> NotifyUrlAllowList { get; } = [];

    /// <summary>Token requests allowed per refresh token per 10 minutes (§1.4).</summary>
    [Range(1, 100_000)]
    public int TokenRequestsPer10Minutes { get; set; } = 10;

    /// <summary>HTTP status of the "Access Denied" throttle body: 200 (Kaizen #43) or 400 (field reports) (§1.3).</summary>
    [Range(200, 400)]
    public int TokenThrottleStatusCode { get; set; } = 200;

    /// <summary>Access-token lifetime in seconds (§1.4).</summary>
    [Range(1, 86_400)]
    public int AccessTokenLifetime { get; set; } = 3600;

    /// <summary>Active access tokens per refresh token; minting one more invalidates the oldest (§1.4).</summary>
    [Range(1, 1000)]
    public int MaxActiveAccessTokens { get; set; } = 15;

    /// <summary>The API user's UTC offset in which date-times are rendered (§2.1), e.g. <c>+05:30</c>.</summary>
    [Required]
    [RegularExpression(@"^[+-]\d{2}:\d{2}$")]
    public string TimeZoneOffset { get; set; } = "+05:30";

    /// <summary>Records reachable with <c>page_token</c> (§2.2).</summary>
    [Range(1, 10_000_000)]
    public int PageTokenRecordLimit { get; set; } = 100_000;

    /// <summary>API credits per rolling 24 hours (§4.1).</summary>
    [Range(1, int.MaxValue)]
    public int DailyCredits { get; set; } = 100_000;

    /// <summary>Calls in flight at once (§4.3).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentCalls { get; set; } = 20;

    /// <summary>Heavy calls (writes of more than 10 records) in flight at once (§4.3).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentHeavyCalls { get; set; } = 10;

    /// <summary>The SQLite file holding the sandbox's data, relative to the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data/zoho-sandbox.db";

    /// <summary>What <c>GET /Leads/{id}</c> answers for an unknown id (§2.3 leaves it open).</summary>
    public SandboxUnknownIdResponse UnknownIdResponse { get; set; } = SandboxUnknownIdResponse.NoContent;

    /// <summary>The sandbox's CRM user (record owner).</summary>
    [Required]
    public string UserName { get; set; } = "Sandbox Admin";

    [Required]
    public string UserEmail { get; set; } = "admin@sandbox.leadsync.local";

    public SandboxFaultOptions Faults { get; set; } = new();

    /// <summary>The Bulk APIs' limits and pace (§6).</summary>
    public SandboxBulkOptions Bulk { get; set; } = new();

    public TimeSpan ParsedTimeZoneOffset()
    {
        var sign = TimeZoneOffset[0] == '-' ? -1 : 1;
        var hours = int.Parse(TimeZoneOffset.AsSpan(1, 2), System.Globalization.CultureInfo.InvariantCulture);
        var minutes = int.Parse(TimeZoneOffset.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        return sign * new TimeSpan(hours, minutes, 0);
    }
}
