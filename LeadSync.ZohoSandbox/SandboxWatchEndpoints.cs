using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>The Notification API (§5): enable (POST), replace (PUT), change or remove events (PATCH), list (GET), disable (DELETE).</summary>
internal static class SandboxWatchEndpoints
{
    public const string LeadsModuleId = "5725767000000002175";
    public const int MaxTokenLength = 50;
    private static readonly TimeSpan DefaultExpiry = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);
    private static readonly string[] ValidEvents = ["Leads.create", "Leads.edit", "Leads.delete", "Leads.all"];

    public static void MapSandboxWatch(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/actions/watch", (HttpContext c, SandboxWatchRegistry r, SandboxNotifyTargets t, SandboxClock k, SandboxApiCalls a) => SaveAsync(c, r, t, k, a, WatchMode.Enable));
        api.MapPut("/actions/watch", (HttpContext c, SandboxWatchRegistry r, SandboxNotifyTargets t, SandboxClock k, SandboxApiCalls a) => SaveAsync(c, r, t, k, a, WatchMode.Replace));
        api.MapPatch("/actions/watch", (HttpContext c, SandboxWatchRegistry r, SandboxNotifyTargets t, SandboxClock k, SandboxApiCalls a) => SaveAsync(c, r, t, k, a, WatchMode.Patch));
        api.MapGet("/actions/watch", List);
        api.MapDelete("/actions/watch", DisableAsync);
    }

    private enum WatchMode
    {
        Enable,
        Replace,
        Patch,
    }

    private static async Task<IResult> SaveAsync(
        HttpContext context, SandboxWatchRegistry registry, SandboxNotifyTargets targets, SandboxClock clock, SandboxApiCalls calls, WatchMode mode)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return SandboxJson.Error(400, "INVALID_DATA", "the request body is not valid JSON", new JsonObject { ["param_name"] = "body" });
        }

        if (body is not JsonObject root || root["watch"] is not JsonArray watch || watch.Count == 0)
        {
            return SandboxJson.MissingParam("watch");
        }

        var apiBase = SandboxApiCalls.ApiBase(context.Request);
        var now = clock.Now();
        var items = new JsonArray();
        var saved = new List<SandboxWatchChannel>();
        var failures = 0;
        for (var i = 0; i < watch.Count; i++)
        {
            var (channel, error, message) = Read(watch[i] as JsonObject, i, registry, targets, mode, apiBase, now);
            if (error is not null)
            {
                failures++;
                items.Add(SandboxJson.ErrorItem(error));
                continue;
            }

            saved.Add(channel!);
            items.Add(new JsonObject
            {
                ["code"] = "SUCCESS",
                ["details"] = new JsonObject { ["events"] = new JsonArray(Describe(channel!, clock)) },
                ["message"] = message,
                ["status"] = "success",
            });
        }

        await registry.SaveAsync(saved, CancellationToken.None);
        var status = failures == 0 ? 200 : failures == watch.Count ? 400 : 207;
        return SandboxJson.Send(new JsonObject { ["watch"] = items }, status);
    }

    private static (SandboxWatchChannel? Channel, SandboxRecordError? Error, string Message) Read(
        JsonObject? item, int index, SandboxWatchRegistry registry, SandboxNotifyTargets targets, WatchMode mode, string apiBase, DateTimeOffset now)
    {
        SandboxRecordError Fail(string code, string message, string apiName) =>
            new(code, message) { ApiName = apiName, JsonPath = $"$.watch[{index}].{apiName}" };

        if (item is null)
        {
            return (null, new SandboxRecordError("INVALID_DATA", "invalid data") { JsonPath = $"$.watch[{index}]" }, string.Empty);
        }

        if (ReadLong(item["channel_id"]) is not { } channelId)
        {
            return (null, Fail(item["channel_id"] is null ? "MANDATORY_NOT_FOUND" : "INVALID_DATA",
                item["channel_id"] is null ? "required field not found" : "invalid data", "channel_id"), string.Empty);
        }

        var existing = registry.Find(channelId);
        if (mode == WatchMode.Patch && existing is null)
        {
            return (null, Fail("INVALID_DATA", "the channel_id given is not subscribed", "channel_id"), string.Empty);
        }

        var events = item["events"] is JsonArray e ? e.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList() : null;
        if (events is not null && events.Exists(x => !ValidEvents.Contains(x, StringComparer.OrdinalIgnoreCase)))
        {
            return (null, Fail("INVALID_DATA", "invalid data", "events"), string.Empty);
        }

        if (mode == WatchMode.Patch && item["_delete_events"] is JsonValue d && d.TryGetValue<bool>(out var deleteEvents) && deleteEvents)
        {
            var remaining = existing!.Events.Where(x => events is null || !events.Contains(x, StringComparer.OrdinalIgnoreCase)).ToList();
            return (existing with { Events = remaining }, null, "Successfully removed the subscribe details");
        }

        var notifyUrl = item["notify_url"] is JsonValue u && u.TryGetValue<string>(out var url) ? url : null;
        var token = item["token"] is JsonValue t && t.TryGetValue<string>(out var tokenText) ? tokenText : null;
        if (mode != WatchMode.Patch || existing is null)
        {
            if (events is null || events.Count == 0)
            {
                return (null, Fail("MANDATORY_NOT_FOUND", "required field not found", "events"), string.Empty);
            }

            if (string.IsNullOrWhiteSpace(notifyUrl))
            {
                return (null, Fail("MANDATORY_NOT_FOUND", "required field not found", "notify_url"), string.Empty);
            }
        }

        if (notifyUrl is not null && (!Uri.TryCreate(notifyUrl, UriKind.Absolute, out _) || !IsHttp(notifyUrl)))
        {
            return (null, Fail("INVALID_DATA", "invalid data", "notify_url"), string.Empty);
        }

        if (notifyUrl is not null && !targets.IsAllowed(notifyUrl))
        {
            return (null, Fail("INVALID_DATA", "the sandbox notifies only this app's own /webhooks/zoho address", "notify_url"), string.Empty);
        }

        if (token is { Length: > MaxTokenLength })
        {
            return (null, Fail("INVALID_DATA", $"the token can be at most {MaxTokenLength} characters", "token") with { MaximumLength = MaxTokenLength }, string.Empty);
        }

        var expiry = item["channel_expiry"] is JsonValue x && x.TryGetValue<string>(out var expiryText) ? SandboxClock.Parse(expiryText) : null;
        var hasExpiry = item.ContainsKey("channel_expiry");
        DateTimeOffset Expiry() => expiry is { } value && value > now && value <= now + MaxExpiry ? value : now + DefaultExpiry;

        var channel = mode == WatchMode.Patch && existing is not null
            ? existing with
            {
                Events = events ?? existing.Events,
                NotifyUrl = notifyUrl ?? existing.NotifyUrl,
                Token = item.ContainsKey("token") ? token : existing.Token,
                Expiry = hasExpiry ? Expiry() : existing.Expiry,
                ReturnAffectedFieldValues = ReadBool(item["return_affected_field_values"]) ?? existing.ReturnAffectedFieldValues,
                NotifyOnRelatedAction = ReadBool(item["notify_on_related_action"]) ?? existing.NotifyOnRelatedAction,
                ApiBase = apiBase,
            }
            : new SandboxWatchChannel
            {
                ChannelId = channelId,
                Events = events!,
                NotifyUrl = notifyUrl!,
                Token = token,
                Expiry = Expiry(),
                ReturnAffectedFieldValues = ReadBool(item["return_affected_field_values"]) ?? false,
                NotifyOnRelatedAction = ReadBool(item["notify_on_related_action"]) ?? true,
                ApiBase = apiBase,
            };
        var message = mode == WatchMode.Enable
            ? "Successfully subscribed for actions-watch of the given module"
            : "Successfully updated the subscribe details";
        return (channel, null, message);
    }

    private static IResult List(HttpContext context, SandboxWatchRegistry registry, SandboxClock clock, SandboxApiCalls calls)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var channelFilter = ReadLong(context.Request.Query["channel_id"].ToString());
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
            var channel = ReadLong(id) is { } channelId ? registry.Find(channelId) : null;
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

    private static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static long? ReadLong(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<string>(out var s) => ReadLong(s),
        _ => null,
    };

    private static long? ReadLong(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static bool? ReadBool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
