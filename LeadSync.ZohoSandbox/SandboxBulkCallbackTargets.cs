using System.Net;
using LeadSync.Core.Zoho;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Where the sandbox may post a Bulk job's callback (§6): an http(s) URL on loopback (127.0.0.0/8, ::1, localhost) or on
/// this app's own origin (the address it listens on, or <c>App:PublicUrl</c>). Anything else is refused when the job
/// is created and again before posting, so no caller can make the server reach another machine (no SSRF).
/// </summary>
internal sealed class SandboxBulkCallbackTargets(IBuiltInZohoEndpoint endpoint, IConfiguration configuration)
{
    public bool IsAllowed(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https")
            || target.UserInfo.Length > 0 || target.Fragment.Length > 0)
        {
            return false;
        }

        if (IPAddress.TryParse(target.IdnHost.Trim('[', ']'), out var address))
        {
            return IPAddress.IsLoopback(address) || OwnOrigins().Any(own => SameOrigin(own, target));
        }

        return string.Equals(target.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase) || OwnOrigins().Any(own => SameOrigin(own, target));
    }

    private IEnumerable<Uri> OwnOrigins()
    {
        Uri? listening = null;
        try
        {
            listening = endpoint.GetBaseAddress();
        }
        catch (InvalidOperationException)
        {
            // Not listening yet: only App:PublicUrl can match.
        }

        if (listening is not null)
        {
            yield return listening;
        }

        if (Uri.TryCreate(configuration["App:PublicUrl"], UriKind.Absolute, out var publicUrl))
        {
            yield return publicUrl;
        }
    }

    private static bool SameOrigin(Uri own, Uri target) =>
        string.Equals(own.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(own.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
        && own.Port == target.Port;
}
