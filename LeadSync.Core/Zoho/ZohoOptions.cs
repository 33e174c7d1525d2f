using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Settings;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The <c>Zoho</c> section: which Zoho to talk to and how hard. Credentials come from environment, user secrets or the
/// encrypted settings store, never from a committed file. Mode, data centre and credentials can also be overridden at
/// run time through <see cref="ZohoSettingsStore"/>; the client reads them per call.
/// </summary>
public sealed class ZohoOptions
{
    public const string SectionName = "Zoho";

    /// <summary><c>Sandbox</c> or <c>Live</c>; when not set, Live if all three credentials are set, else Sandbox.</summary>
    public ZohoMode? Mode { get; set; }

    /// <summary>The data centre of the Zoho account (§1.1): derives the accounts host and the default API host.</summary>
    public ZohoDataCenter DataCenter { get; set; } = ZohoDataCenter.US;

    /// <summary>Overrides the accounts host derived from <see cref="DataCenter"/> (e.g. <c>https://accounts.zoho.eu</c>).</summary>
    [Url]
    public string? AccountsUrl { get; set; }

    /// <summary>Overrides the API host; otherwise the token response's <c>api_domain</c> is used (§1.1).</summary>
    [Url]
    public string? ApiBaseUrl { get; set; }

    /// <summary>Overrides the data centre's file host for Bulk Write uploads (§1.1, §6.2).</summary>
    [Url]
    public string? FileUrl { get; set; }

    /// <summary>The org id (<c>zgid</c>) uploads send as <c>X-CRM-ORG</c> (§6.2); read once from <c>GET /crm/{v}/org</c> when unset.</summary>
    [MaxLength(40)]
    public string? OrgId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? RefreshToken { get; set; }

    /// <summary>The CRM API version in the path (<c>/crm/{ApiVersion}/…</c>).</summary>
    [Required]
    [RegularExpression(@"^v(2|2\.1|[3-8])$", ErrorMessage = "Zoho:ApiVersion must be one of v2, v2.1, v3 … v8.")]
    public string ApiVersion { get; set; } = "v8";

    /// <summary>At most this many API calls in flight at once (§4.3: Standard edition allows 10).</summary>
    [Range(1, 25)]
    public int MaxConcurrency { get; set; } = 10;

    /// <summary>When false (default) writes send <c>"trigger": []</c> and deletes <c>wf_trigger=false</c> (§7.11).</summary>
    public bool WorkflowTrigger { get; set; }

    /// <summary>How long one API call may take.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one token call may take.</summary>
    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan TokenTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts per call for transient failures (1 = no retry).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Base of the exponential backoff with full jitter between attempts (§4.3: 429 has no Retry-After).</summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one backoff delay.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the token endpoint throttles (<c>Access Denied</c>), no token call for this long (§1.3: minutes, not seconds).</summary>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan TokenThrottleBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Refresh the access token this long before it expires (§7.1), but at most a quarter of the token's own lifetime
    /// before: a 60-second token is used for 45 seconds, not minted anew for every call.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:30:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long database overrides of the connection settings are cached before being read again.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan SettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(10);
}
