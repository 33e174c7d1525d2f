using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadSync.Core.Security;
using LeadSync.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Security;

/// <summary>
/// Authenticates <c>/api</c> calls by API key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// A challenge answers 401 with a problem document (never a redirect to the sign-in page). The key is never logged.
/// An address with too many failed keys (<see cref="FailedAttemptTracker"/>) gets 429 for any key, valid or not, until
/// its window passes: the key is not even looked up, so guessing stops paying off.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys keys,
    IOptions<ApiOptions> api,
    FailedAttemptTracker attempts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";
    public const string KeyPrefixClaim = "leadsync:api_key_prefix";

    private TimeSpan? blockedFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        blockedFor = attempts.RetryAfter(FailedAttemptKind.ApiKey, Context.Connection.RemoteIpAddress);
        if (blockedFor is not null)
        {
            return AuthenticateResult.Fail("Too many failed API-key attempts from this address.");
        }

        var identity = await keys.ValidateAsync(presented, api.Value.BootstrapKey, Context.RequestAborted);
        if (identity is null)
        {
            attempts.RecordFailure(FailedAttemptKind.ApiKey, Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var claims = new[]
        {
            new Claim(ClaimTypes.NameIdentifier, identity.Id?.ToString() ?? "bootstrap"),
            new Claim(ClaimTypes.Name, identity.Name),
            new Claim(KeyPrefixClaim, identity.Prefix),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (blockedFor is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(
                    $"Too many failed API-key attempts from your address; every key from it is refused for {seconds} s. Check the key you send.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many failed API-key attempts")
                .ExecuteAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadSync API\"";
        var detail = ReadKey(Request) is null
            ? "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Admins create keys under Settings → API keys."
            : "The API key is not valid (unknown or revoked).";
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await TypedResults.Problem("This API key may not do that.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);

    /// <summary>The key from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, or null when neither is present.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header.ToString()))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
