namespace LeadSync.ZohoSandbox;

/// <summary>
/// Maps the sandbox under <c>/sandbox/zoho</c>: OAuth, <c>/crm/v8</c> (Leads, watch and the Bulk Write upload),
/// <c>/crm/bulk/v8</c> (Bulk Read and Write jobs) and <c>/_control</c>, always,
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
        api.MapSandboxUpload();
        api.Map("/{**rest}", (string? rest) => SandboxUnknownPaths.Answer(rest));

        var bulk = sandbox.MapGroup("/crm/bulk/v8").AddEndpointFilter<SandboxApiFilter>();
        bulk.MapSandboxBulkWrite();
        bulk.MapSandboxBulkRead();
        bulk.Map("/{**rest}", SandboxUnknownPaths.UrlPattern);
        return routes;
    }
}
