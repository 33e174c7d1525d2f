namespace LeadSync.Web.Security;

/// <summary>Scheme and policy names, and the paths that are public.</summary>
internal static class SecurityConstants
{
    /// <summary>Picks the API-key scheme for <c>/api</c> and the Identity cookie for everything else.</summary>
    public const string SelectorScheme = "LeadSync";

    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Requires a valid API key (the <c>/api</c> group).</summary>
    public const string ApiPolicy = "Api";

    public const string SignInPath = "/account/signin";

    public const string SignOutPath = "/account/signout";

    public const string SignOutEverywherePath = "/account/signout-everywhere";

    public const string SetupPath = "/setup";

    /// <summary>
    /// Endpoints owned by other features that must stay reachable without an admin session because they carry their
    /// own credentials: the Zoho sandbox's OAuth and CRM API (Zoho-style tokens) and the Zoho webhook (its channel token).
    /// Everything else needs a signed-in admin unless the endpoint itself says <c>AllowAnonymous</c>.
    /// </summary>
    public static readonly string[] PublicPathPrefixes = ["/sandbox/zoho/oauth", "/sandbox/zoho/crm", "/webhooks/zoho"];

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool IsPublic(PathString path) =>
        PublicPathPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
