using System.Net.Http.Headers;
using System.Text;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The client id and secret of a Zoho Accounts request (§1.3): form body or query string, or an HTTP Basic header. A
/// malformed Basic header (bad base64, no colon, bad UTF-8) counts as no credentials, so it ends as <c>invalid_client</c>.
/// </summary>
internal sealed record SandboxClientAuthentication(string? ClientId, string? ClientSecret)
{
    public static SandboxClientAuthentication Read(HttpRequest request, Func<string, string?> parameter)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameter);
        var clientId = parameter("client_id");
        var clientSecret = parameter("client_secret");
        if (clientId is null && FromBasicHeader(request.Headers.Authorization.ToString()) is { } basic)
        {
            return basic;
        }

        return new SandboxClientAuthentication(clientId, clientSecret);
    }

    private static SandboxClientAuthentication? FromBasicHeader(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }

        var bytes = new byte[value.Parameter.Length];
        if (!Convert.TryFromBase64String(value.Parameter, bytes, out var length))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var pair = text.Split(':', 2);
        return pair.Length == 2 ? new SandboxClientAuthentication(pair[0], pair[1]) : null;
    }
}
