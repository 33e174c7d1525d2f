using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// What the sandbox answers for a path it does not serve under <c>/crm/v8</c> (§3): a first segment that is not a module
/// the sandbox holds nor one of the API's own resources is 400 <c>INVALID_MODULE</c>; any other unknown path (a bad path
/// under Leads, an unknown action) is 404 <c>INVALID_URL_PATTERN</c>.
/// </summary>
internal static class SandboxUnknownPaths
{
    /// <summary>First segments that are not modules: the API's own resources (the sandbox serves some of them).</summary>
    private static readonly string[] NonModules = ["Leads", "actions", "upload", "settings", "org", "users", "coql", "__notification", "files"];

    public static IResult Answer(string? rest)
    {
        var first = (rest ?? string.Empty).Split('/', 2)[0];
        return first.Length > 0 && !NonModules.Contains(first, StringComparer.OrdinalIgnoreCase)
            ? SandboxJson.Error(400, "INVALID_MODULE", "the module name given seems to be invalid", new JsonObject { ["resource_path_index"] = 0 })
            : UrlPattern();
    }

    public static IResult UrlPattern() =>
        SandboxJson.Error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
}
