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
        control.MapMethods("/faults", ["PUT", "PATCH", "POST"], ApplyFaults);
        control.MapPost("/seed", SeedAsync);
        control.MapPost("/reset", ResetAsync);
        control.MapPost("/refresh-token/revoke", RevokeRefreshTokenAsync);
        control.MapPost("/refresh-token/restore", RestoreRefreshTokenAsync);
        control.MapPost("/access-tokens/expire", ExpireAccessTokensAsync);
        control.MapPost("/token-throttle/reset", ResetTokenThrottle);
        control.MapPost("/credits/reset", ResetCredits);
        control.MapPost("/bulk/read/{id}/expire", ExpireReadResult);
        control.MapSandboxFieldControl();
    }

    /// <summary>Applies a fault patch (the body); 400 with the reason when a value is out of range.</summary>
    private static IResult ApplyFaults(SandboxFaultPatch patch, ZohoSandboxControl c)
    {
        try
        {
            return Results.Json(c.Faults.Apply(patch));
        }
        catch (ArgumentException exception)
        {
            return Results.BadRequest(new { error = exception.Message });
        }
    }

    /// <summary>Adds <paramref name="count"/> generated leads (1 to 200,000) named after <paramref name="prefix"/>.</summary>
    private static async Task<IResult> SeedAsync(int? count, string? prefix, ZohoSandboxControl c, CancellationToken ct)
    {
        if (count is not (>= 1 and <= 200_000))
        {
            return Results.BadRequest(new { error = "count must be from 1 to 200000" });
        }

        var seeded = await c.SeedLeadsAsync(count.Value, string.IsNullOrWhiteSpace(prefix) ? "Seeded" : prefix, ct);
        return Results.Json(new { seeded, total = c.State().Leads });
    }

    private static async Task<IResult> ResetAsync(ZohoSandboxControl c, CancellationToken ct)
    {
        await c.ResetAsync(ct);
        return Results.Json(c.State());
    }

    private static async Task<IResult> RevokeRefreshTokenAsync(ZohoSandboxControl c, CancellationToken ct)
    {
        await c.RevokeRefreshTokenAsync(ct);
        return Results.Json(c.State());
    }

    private static async Task<IResult> RestoreRefreshTokenAsync(ZohoSandboxControl c, CancellationToken ct)
    {
        await c.RestoreRefreshTokenAsync(ct);
        return Results.Json(c.State());
    }

    private static async Task<IResult> ExpireAccessTokensAsync(ZohoSandboxControl c, CancellationToken ct)
    {
        await c.ExpireAccessTokensAsync(ct);
        return Results.Json(c.State());
    }

    private static IResult ResetTokenThrottle(ZohoSandboxControl c)
    {
        c.ResetTokenThrottle();
        return Results.Json(c.State());
    }

    /// <summary>A completed read job's result expires now (its download answers 404); 404 naming the id when there is no such job.</summary>
    private static IResult ExpireReadResult(string id, ZohoSandboxControl c) =>
        SandboxLeadService.ParseId(id) is { } jobId && c.ExpireReadResult(jobId)
            ? Results.Json(new { jobId = id, resultExpired = true })
            : Results.NotFound(new { error = $"id: no completed Bulk Read job has the id '{id}'" });

    private static IResult ResetCredits(ZohoSandboxControl c)
    {
        c.ResetCredits();
        return Results.Json(c.State());
    }
}
