namespace LeadSync.Web.Sandbox;

/// <summary>Maps the sandbox under <c>/sandbox/zoho</c>: OAuth, <c>/crm/v8</c> (Leads and watch) and <c>/_control</c>.</summary>
public static class ZohoSandboxEndpoints
{
    public const string BasePath = "/sandbox/zoho";

    public static IEndpointRouteBuilder MapZohoSandbox(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!routes.ServiceProvider.GetRequiredService<ZohoSandboxActivation>().Enabled)
        {
            return routes;
        }

        var sandbox = routes.MapGroup(BasePath).DisableAntiforgery().ExcludeFromDescription();
        sandbox.MapSandboxOAuth();
        sandbox.MapSandboxControl();

        var api = sandbox.MapGroup("/crm/v8").AddEndpointFilter<SandboxApiFilter>();
        api.MapSandboxLeads();
        api.MapSandboxWatch();
        api.Map("/{**rest}", () => SandboxJson.Error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"));
        return routes;
    }
}
