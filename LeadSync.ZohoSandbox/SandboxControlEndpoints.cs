namespace LeadSync.ZohoSandbox;

/// <summary>JSON control endpoints under <c>/sandbox/zoho/_control</c> for browser tests and demos (no Zoho equivalent).</summary>
internal static class SandboxControlEndpoints
{
    public static void MapSandboxControl(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var control = routes.MapGroup(ZohoSandboxEndpoints.ControlPath).DisableAntiforgery();
        control.MapGet("/state", (ZohoSandboxControl c) => Results.Json(c.State()));
        control.MapGet("/faults", (ZohoSandboxControl c) => Results.Json(c.Faults.Current));
        control.MapMethods("/faults", ["PUT", "PATCH", "POST"], (SandboxFaultPatch patch, ZohoSandboxControl c) =>
        {
            try
            {
                return Results.Json(c.Faults.Apply(patch));
            }
            catch (ArgumentException exception)
            {
                return Results.BadRequest(new { error = exception.Message });
            }
        });
        control.MapPost("/seed", async (int? count, string? prefix, ZohoSandboxControl c, CancellationToken ct) =>
        {
            if (count is not (>= 1 and <= 200_000))
            {
                return Results.BadRequest(new { error = "count must be from 1 to 200000" });
            }

            var seeded = await c.SeedLeadsAsync(count.Value, string.IsNullOrWhiteSpace(prefix) ? "Seeded" : prefix, ct);
            return Results.Json(new { seeded, total = c.State().Leads });
        });
        control.MapPost("/reset", async (ZohoSandboxControl c, CancellationToken ct) =>
        {
            await c.ResetAsync(ct);
            return Results.Json(c.State());
        });
        control.MapPost("/refresh-token/revoke", async (ZohoSandboxControl c, CancellationToken ct) =>
        {
            await c.RevokeRefreshTokenAsync(ct);
            return Results.Json(c.State());
        });
        control.MapPost("/refresh-token/restore", async (ZohoSandboxControl c, CancellationToken ct) =>
        {
            await c.RestoreRefreshTokenAsync(ct);
            return Results.Json(c.State());
        });
        control.MapPost("/access-tokens/expire", async (ZohoSandboxControl c, CancellationToken ct) =>
        {
            await c.ExpireAccessTokensAsync(ct);
            return Results.Json(c.State());
        });
        control.MapPost("/token-throttle/reset", (ZohoSandboxControl c) =>
        {
            c.ResetTokenThrottle();
            return Results.Json(c.State());
        });
        control.MapPost("/credits/reset", (ZohoSandboxControl c) =>
        {
            c.ResetCredits();
            return Results.Json(c.State());
        });
    }
}
