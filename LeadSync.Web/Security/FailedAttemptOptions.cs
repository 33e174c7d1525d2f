using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Settings;

namespace LeadSync.Web.Security;

/// <summary>
/// The <c>FailedAttempts</c> section: how many failed sign-ins and API-key attempts one client address may make within a
/// sliding window before its further attempts are refused with 429, on top of the per-account lockout. Successful
/// attempts do not count. Behind a reverse proxy the address is the forwarded client's (see <see cref="ProxyOptions"/>).
/// </summary>
public sealed class FailedAttemptOptions
{
    public const string SectionName = "FailedAttempts";

    [Range(1, 10_000)]
    public int SignInLimit { get; set; } = 10;

    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10_000)]
    public int ApiKeyLimit { get; set; } = 20;

    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan ApiKeyWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Addresses remembered per kind; when full, expired ones go first, then the longest quiet one.</summary>
    [Range(100, 1_000_000)]
    public int MaxTrackedAddresses { get; set; } = 10_000;
}
