namespace LeadSync.ZohoSandbox;

/// <summary>
/// Maps the sandbox under <c>/sandbox/zoho</c>: OAuth, <c>/crm/v8</c> (Leads and watch) and <c>/_control</c>, always,
/// behind <see cref="SandboxGate"/> (which serves them only while the sandbox is in effect).
/// </summary>
public static class ZohoSandboxEndpoints
{
    public const string BasePath = "/sandbox/zoho";

    public const string ControlPath = "/_control";

    public static IEndpointRouteBuilder MapZohoSandbox(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var sandbox = routes.MapGroup(BasePath).DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter<SandboxGate>();
        sandbox.MapSandboxOAuth();
        sandbox.MapSandboxControl();

        var api = sandbox.MapGroup("/crm/v8").AddEndpointFilter<SandboxApiFilter>();
        api.MapSandboxLeads();
        api.MapSandboxWatch();
        api.MapSandboxFields();
        api.Map("/{**rest}", () => SandboxJson.Error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"));
        return routes;
    }
}
