using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// In front of everything under <c>/sandbox/zoho</c>: nothing is served unless the sandbox is in effect
/// (<see cref="SandboxAvailability"/>; 404 otherwise, as if it did not exist), and its Zoho endpoints (OAuth and CRM)
/// answer only callers on this machine unless <see cref="ZohoSandboxOptions.AllowRemoteCallers"/> opens them. The
/// control endpoints (<c>/_control</c>) need a signed-in admin instead (the app's fallback policy).
/// </summary>
internal sealed class SandboxGate(SandboxAvailability availability, IOptionsMonitor<ZohoSandboxOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!await availability.IsServedAsync(http.RequestAborted))
        {
            return Results.NotFound();
        }

        var control = http.Request.Path.StartsWithSegments(ZohoSandboxEndpoints.BasePath + ZohoSandboxEndpoints.ControlPath, StringComparison.OrdinalIgnoreCase);
        if (!control && !options.CurrentValue.AllowRemoteCallers && !SandboxCallers.IsLocal(http))
        {
            return SandboxJson.Error(
                StatusCodes.Status403Forbidden,
                "FORBIDDEN",
                "The built-in Zoho sandbox answers callers on this machine only (set Sandbox:AllowRemoteCallers to open it).");
        }

        return await next(context);
    }
}
