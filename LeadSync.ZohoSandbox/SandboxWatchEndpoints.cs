using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>The Notification API (§5): enable (POST), replace (PUT), change or remove events (PATCH), list (GET), disable (DELETE).</summary>
internal static class SandboxWatchEndpoints
{
    public const string LeadsModuleId = "5725767000000002175";

    public static void MapSandboxWatch(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/actions/watch", ([AsParameters] SandboxWatchCall call) => SaveAsync(call, SandboxWatchMode.Enable));
        api.MapPut("/actions/watch", ([AsParameters] SandboxWatchCall call) => SaveAsync(call, SandboxWatchMode.Replace));
        api.MapPatch("/actions/watch", ([AsParameters] SandboxWatchCall call) => SaveAsync(call, SandboxWatchMode.Patch));
        api.MapGet("/actions/watch", List);
        api.MapDelete("/actions/watch", DisableAsync);
    }

    /// <summary>Enables, replaces or changes the channels of the <c>watch</c> array, each entry on its own (200, 207 or 400).</summary>
    private static async Task<IResult> SaveAsync(SandboxWatchCall call, SandboxWatchMode mode)
    {
        var context = call.Context;
        if (call.Calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var (watch, invalid) = await ReadWatchArrayAsync(context);
        if (invalid is not null)
        {
            return invalid;
        }

        var request = new SandboxWatchRequest(call.Registry, call.Targets, mode, SandboxApiCalls.ApiBase(context.Request), call.Clock.Now());
        var items = new JsonArray();
        var saved = new List<SandboxWatchChannel>();
        for (var i = 0; i < watch!.Count; i++)
        {
            var item = SandboxWatchItemReader.Read(watch[i] as JsonObject, i, request);
            if (item.Error is not null)
            {
                items.Add(SandboxJson.ErrorItem(item.Error));
                continue;
            }

            saved.Add(item.Channel!);
            items.Add(SavedItem(item, call.Clock));
        }

        await call.Registry.SaveAsync(saved, CancellationToken.None);
        var failures = watch.Count - saved.Count;
        var status = failures == 0 ? 200 : failures == watch.Count ? 400 : 207;
        return SandboxJson.Send(new JsonObject { ["watch"] = items }, status);
    }

    /// <summary>The body's non-empty <c>watch</c> array, or the request-level error.</summary>
    private static async Task<(JsonArray? Watch, IResult? Error)> ReadWatchArrayAsync(HttpContext context)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, SandboxJson.Error(400, "INVALID_DATA", "the request body is not valid JSON", new JsonObject { ["param_name"] = "body" }));
        }

        if (body is not JsonObject root || root["watch"] is not JsonArray watch || watch.Count == 0)
        {
            return (null, SandboxJson.MissingParam("watch"));
        }

        return (watch, null);
    }

    private static JsonObject SavedItem(SandboxWatchItem item, SandboxClock clock) => new()
    {
        ["code"] = "SUCCESS",
        ["details"] = new JsonObject { ["events"] = new JsonArray(Describe(item.Channel!, clock)) },
        ["message"] = item.Message,
        ["status"] = "success",
    };

    private static IResult List(HttpContext context, SandboxWatchRegistry registry, SandboxClock clock, SandboxApiCalls calls)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var channelFilter = SandboxWatchItemReader.ReadLong(context.Request.Query["channel_id"].ToString());
        var now = clock.Now();
        var channels = registry.All().Where(c => c.Expiry > now && (channelFilter is null || c.ChannelId == channelFilter)).ToList();
        if (channels.Count == 0)
        {
            return Results.StatusCode(204);
        }

        var watch = new JsonArray();
        foreach (var c in channels)
        {
            watch.Add(new JsonObject
            {
                ["notify_on_related_action"] = c.NotifyOnRelatedAction,
                ["channel_expiry"] = clock.Format(c.Expiry),
                ["resource_uri"] = c.ResourceUri,
                ["resource_id"] = LeadsModuleId,
                ["notify_url"] = c.NotifyUrl,
                ["resource_name"] = "Leads",
                ["channel_id"] = c.ChannelId.ToString(CultureInfo.InvariantCulture),
                ["events"] = new JsonArray([.. c.Events.Select(e => (JsonNode)e)]),
                ["token"] = c.Token,
                ["return_affected_field_values"] = c.ReturnAffectedFieldValues,
            });
        }

        var info = new JsonObject { ["per_page"] = 200, ["count"] = channels.Count, ["page"] = 1, ["more_records"] = false };
        return SandboxJson.Send(new JsonObject { ["watch"] = watch, ["info"] = info }, 200);
    }

    private static async Task<IResult> DisableAsync(HttpContext context, SandboxWatchRegistry registry, SandboxApiCalls calls)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var ids = context.Request.Query["channel_ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return SandboxJson.MissingParam("channel_ids");
        }

        var items = new JsonArray();
        var failures = 0;
        foreach (var id in ids)
        {
            var channel = SandboxWatchItemReader.ReadLong(id) is { } channelId ? registry.Find(channelId) : null;
            if (channel is null || !await registry.RemoveAsync(channel.ChannelId, CancellationToken.None))
            {
                failures++;
                items.Add(SandboxJson.ErrorItem(new SandboxRecordError("INVALID_DATA", "the channel_id given is not subscribed") { ApiName = "channel_ids", Id = id }));
                continue;
            }

            items.Add(new JsonObject
            {
                ["code"] = "SUCCESS",
                ["details"] = new JsonObject
                {
                    ["resource_uri"] = channel.ResourceUri, ["resource_id"] = LeadsModuleId, ["resource_name"] = "Leads", ["channel_id"] = id,
                },
                ["message"] = "Successfully un-subscribed from actions-watch",
                ["status"] = "success",
            });
        }

        var status = failures == 0 ? 200 : failures == ids.Length ? 400 : 207;
        return SandboxJson.Send(new JsonObject { ["watch"] = items }, status);
    }

    private static JsonObject Describe(SandboxWatchChannel channel, SandboxClock clock) => new()
    {
        ["channel_expiry"] = clock.Format(channel.Expiry),
        ["resource_uri"] = channel.ResourceUri,
        ["resource_id"] = LeadsModuleId,
        ["resource_name"] = "Leads",
        ["channel_id"] = channel.ChannelId.ToString(CultureInfo.InvariantCulture),
    };
}
