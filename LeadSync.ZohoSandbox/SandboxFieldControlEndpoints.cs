namespace LeadSync.ZohoSandbox;

/// <summary>
/// <c>/sandbox/zoho/_control/fields</c>: the Lead field metadata for tests and demos — list, add a custom field, change
/// one (label, type, picklist values, mandatory) and delete one. A refused edit is 400 with the rule; an unknown field 404.
/// </summary>
internal static class SandboxFieldControlEndpoints
{
    public static void MapSandboxFieldControl(this RouteGroupBuilder control)
    {
        ArgumentNullException.ThrowIfNull(control);
        control.MapGet("/fields", (ZohoSandboxControl c) => Results.Json(c.Fields.All));
        control.MapPost("/fields", (SandboxFieldEdit edit, ZohoSandboxControl c, CancellationToken ct) => EditAsync(() => c.Fields.AddAsync(edit, ct)));
        control.MapMethods("/fields/{apiName}", ["PATCH", "PUT"],
            (string apiName, SandboxFieldEdit edit, ZohoSandboxControl c, CancellationToken ct) => EditAsync(() => c.Fields.UpdateAsync(apiName, edit, ct)));
        control.MapDelete("/fields/{apiName}", (string apiName, ZohoSandboxControl c, CancellationToken ct) => EditAsync(() => c.Fields.DeleteAsync(apiName, ct)));
    }

    private static async Task<IResult> EditAsync<T>(Func<Task<T>> edit)
    {
        try
        {
            return Results.Json(await edit());
        }
        catch (KeyNotFoundException exception)
        {
            return Results.NotFound(new { error = exception.Message });
        }
        catch (ArgumentException exception)
        {
            return Results.BadRequest(new { error = exception.Message });
        }
    }
}
