using System.ComponentModel.DataAnnotations;
using System.Net;

namespace LeadSync.Web.Security;

/// <summary>
/// The <c>Proxy</c> section: trust <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> from a reverse proxy. Off by default;
/// when on, only the listed proxies (IP addresses) and networks (CIDR, e.g. <c>10.0.0.0/8</c>) are trusted.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "Proxy";

    public bool Enabled { get; set; }

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];

    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Proxy:KnownProxies holds '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Proxy:KnownNetworks holds '{network}', which is not a CIDR network such as 10.0.0.0/8.", [nameof(KnownNetworks)]);
        }

        if (Enabled && KnownProxies.Count == 0 && KnownNetworks.Count == 0)
        {
            yield return new ValidationResult("Proxy:Enabled is true but neither Proxy:KnownProxies nor Proxy:KnownNetworks is set: say which proxy to trust.", [nameof(Enabled)]);
        }
    }
}
