namespace LeadSync.Web.Security;

/// <summary>
/// The browser-hardening headers on every response (pages, static files, <c>/api</c> problem documents, health, the
/// sandbox, error and not-found pages). They are written when the response starts, so the exception handler and the
/// status-code pages (which clear headers before re-executing) cannot drop them, and they replace any earlier value:
/// Blazor's own <c>frame-ancestors 'self'</c> policy is switched off in <c>Program</c> and covered by this one.
/// See <c>docs/decisions/0010-content-security-policy.md</c> for why each source is allowed.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the app's own files (no inline script, no eval); inline styles are allowed because MudBlazor
    /// writes <c>style</c> attributes and <c>&lt;style&gt;</c> blocks; the circuit's WebSocket is same-origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>Links to other sites (Zoho, docs) carry no address of this internal console.</summary>
    public const string ReferrerPolicy = "no-referrer";

    /// <summary>Powerful browser features the console never uses, denied to it and to anything it could embed.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), " +
        "microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
