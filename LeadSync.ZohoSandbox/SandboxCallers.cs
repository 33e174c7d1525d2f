using System.Net;

namespace LeadSync.ZohoSandbox;

/// <summary>Who may call the sandbox's Zoho endpoints: a caller on this machine that did not come through a proxy.</summary>
internal static class SandboxCallers
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "X-Original-For", "Forwarded", "X-Real-IP"];

    /// <summary>
    /// True for a loopback caller, or one calling from this server's own address, whose request carries no proxy header
    /// (a reverse proxy on this machine would otherwise make every remote caller look local).
    /// </summary>
    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || ProxyHeaders.Any(context.Request.Headers.ContainsKey))
        {
            return false;
        }

        return IPAddress.IsLoopback(remote) || remote.Equals(context.Connection.LocalIpAddress);
    }
}
