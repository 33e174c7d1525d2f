using LeadSync.Core.Webhooks;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Where the sandbox may post watch callbacks: only this app's own webhook (<c>/webhooks/zoho</c> at the address the
/// app listens on, or at <c>App:PublicUrl</c>), query parameters allowed, plus any prefix of
/// <see cref="ZohoSandboxOptions.NotifyUrlAllowList"/>. A caller cannot make the server post anywhere else.
/// </summary>
internal sealed class SandboxNotifyTargets(IBuiltInZohoEndpoint endpoint, IConfiguration configuration, IOptionsMonitor<ZohoSandboxOptions> options)
{
    public bool IsAllowed(string? notifyUrl)
    {
        if (!Uri.TryCreate(notifyUrl, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https")
            || target.UserInfo.Length > 0 || target.Fragment.Length > 0)
        {
            return false;
        }

        if (OwnWebhooks().Any(own => SameEndpoint(own, target)))
        {
            return true;
        }

        return options.CurrentValue.NotifyUrlAllowList.Any(prefix =>
            !string.IsNullOrWhiteSpace(prefix) && target.AbsoluteUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    private IEnumerable<Uri> OwnWebhooks()
    {
        Uri? listening = null;
        try
        {
            listening = new Uri(endpoint.GetBaseAddress(), WebhookChannelManager.CallbackPath);
        }
        catch (InvalidOperationException)
        {
            // Not listening yet: only App:PublicUrl can match.
        }

        if (listening is not null)
        {
            yield return listening;
        }

        var publicUrl = configuration["App:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(publicUrl) && Uri.TryCreate(publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/", UriKind.Absolute, out var root))
        {
            yield return new Uri(root, WebhookChannelManager.CallbackPath);
        }
    }

    private static bool SameEndpoint(Uri own, Uri target) =>
        string.Equals(own.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(own.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
        && own.Port == target.Port
        && string.Equals(own.AbsolutePath.TrimEnd('/'), target.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
}
