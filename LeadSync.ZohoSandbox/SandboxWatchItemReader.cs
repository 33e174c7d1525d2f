using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Reads one entry of a watch request's <c>watch</c> array (§5) into the channel to save, or its record-level error,
/// checked in Zoho's order: channel_id, events, then (for new channels) the mandatory events and notify_url, then
/// notify_url and token.
/// </summary>
internal static class SandboxWatchItemReader
{
    public const int MaxTokenLength = 50;
    private static readonly TimeSpan DefaultExpiry = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);
    private static readonly string[] ValidEvents = ["Leads.create", "Leads.edit", "Leads.delete", "Leads.all"];

    /// <summary>The channel this entry saves (and the success message), or its error.</summary>
    public static SandboxWatchItem Read(JsonObject? item, int index, SandboxWatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (item is null)
        {
            return SandboxWatchItem.Failed(new SandboxRecordError("INVALID_DATA", "invalid data") { JsonPath = $"$.watch[{index}]" });
        }

        if (ReadLong(item["channel_id"]) is not { } channelId)
        {
            var missing = item["channel_id"] is null;
            return Fail(index, missing ? "MANDATORY_NOT_FOUND" : "INVALID_DATA", missing ? "required field not found" : "invalid data", "channel_id");
        }

        var existing = request.Registry.Find(channelId);
        if (request.Mode == SandboxWatchMode.Patch && existing is null)
        {
            return Fail(index, "INVALID_DATA", "the channel_id given is not subscribed", "channel_id");
        }

        return ReadChannel(item, index, channelId, existing, request);
    }

    /// <summary>A positive number, given as a JSON number or string.</summary>
    public static long? ReadLong(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<string>(out var s) => ReadLong(s),
        _ => null,
    };

    public static long? ReadLong(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>The entry of an identified channel (<paramref name="existing"/> when enabled): removed events, or the channel as the entry sets it.</summary>
    private static SandboxWatchItem ReadChannel(JsonObject item, int index, long channelId, SandboxWatchChannel? existing, SandboxWatchRequest request)
    {
        var settings = ReadSettings(item);
        if (settings.Events is not null && settings.Events.Exists(x => !ValidEvents.Contains(x, StringComparer.OrdinalIgnoreCase)))
        {
            return Fail(index, "INVALID_DATA", "invalid data", "events");
        }

        if (request.Mode == SandboxWatchMode.Patch && item["_delete_events"] is JsonValue d && d.TryGetValue<bool>(out var deleteEvents) && deleteEvents)
        {
            var remaining = existing!.Events.Where(x => settings.Events is null || !settings.Events.Contains(x, StringComparer.OrdinalIgnoreCase)).ToList();
            return SandboxWatchItem.Saved(existing with { Events = remaining }, "Successfully removed the subscribe details");
        }

        var patching = request.Mode == SandboxWatchMode.Patch && existing is not null;
        if (Check(settings, required: !patching, request.Targets, index) is { } invalid)
        {
            return SandboxWatchItem.Failed(invalid);
        }

        var channel = patching ? Patch(existing!, item, settings, request) : Create(channelId, item, settings, request);
        return SandboxWatchItem.Saved(channel, request.Mode == SandboxWatchMode.Enable
            ? "Successfully subscribed for actions-watch of the given module"
            : "Successfully updated the subscribe details");
    }

    /// <summary>The first error in the entry's settings: mandatory ones when <paramref name="required"/>, then notify_url and token.</summary>
    private static SandboxRecordError? Check(WatchSettings settings, bool required, SandboxNotifyTargets targets, int index)
    {
        if (required && (settings.Events is null || settings.Events.Count == 0))
        {
            return FieldError(index, "MANDATORY_NOT_FOUND", "required field not found", "events");
        }

        if (required && string.IsNullOrWhiteSpace(settings.NotifyUrl))
        {
            return FieldError(index, "MANDATORY_NOT_FOUND", "required field not found", "notify_url");
        }

        if (settings.NotifyUrl is { } notifyUrl && (!Uri.TryCreate(notifyUrl, UriKind.Absolute, out _) || !IsHttp(notifyUrl)))
        {
            return FieldError(index, "INVALID_DATA", "invalid data", "notify_url");
        }

        if (settings.NotifyUrl is not null && !targets.IsAllowed(settings.NotifyUrl))
        {
            return FieldError(index, "INVALID_DATA", "the sandbox notifies only this app's own /webhooks/zoho address", "notify_url");
        }

        if (settings.Token is { Length: > MaxTokenLength })
        {
            return FieldError(index, "INVALID_DATA", $"the token can be at most {MaxTokenLength} characters", "token") with { MaximumLength = MaxTokenLength };
        }

        return null;
    }

    /// <summary>PATCH of an enabled channel: what the entry gives replaces, the rest is kept.</summary>
    private static SandboxWatchChannel Patch(SandboxWatchChannel existing, JsonObject item, WatchSettings settings, SandboxWatchRequest request) => existing with
    {
        Events = settings.Events ?? existing.Events,
        NotifyUrl = settings.NotifyUrl ?? existing.NotifyUrl,
        Token = item.ContainsKey("token") ? settings.Token : existing.Token,
        Expiry = item.ContainsKey("channel_expiry") ? Expiry(item, request.Now) : existing.Expiry,
        ReturnAffectedFieldValues = ReadBool(item["return_affected_field_values"]) ?? existing.ReturnAffectedFieldValues,
        NotifyOnRelatedAction = ReadBool(item["notify_on_related_action"]) ?? existing.NotifyOnRelatedAction,
        ApiBase = request.ApiBase,
    };

    /// <summary>A new channel (or one replaced whole): events and notify_url are there (checked), the rest defaults.</summary>
    private static SandboxWatchChannel Create(long channelId, JsonObject item, WatchSettings settings, SandboxWatchRequest request) => new()
    {
        ChannelId = channelId,
        Events = settings.Events!,
        NotifyUrl = settings.NotifyUrl!,
        Token = settings.Token,
        Expiry = Expiry(item, request.Now),
        ReturnAffectedFieldValues = ReadBool(item["return_affected_field_values"]) ?? false,
        NotifyOnRelatedAction = ReadBool(item["notify_on_related_action"]) ?? true,
        ApiBase = request.ApiBase,
    };

    /// <summary><c>channel_expiry</c> when it is in the next 7 days, else an hour from now.</summary>
    private static DateTimeOffset Expiry(JsonObject item, DateTimeOffset now)
    {
        var expiry = item["channel_expiry"] is JsonValue x && x.TryGetValue<string>(out var expiryText) ? SandboxClock.Parse(expiryText) : null;
        return expiry is { } value && value > now && value <= now + MaxExpiry ? value : now + DefaultExpiry;
    }

    private static WatchSettings ReadSettings(JsonObject item) => new(
        item["events"] is JsonArray e ? e.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList() : null,
        item["notify_url"] is JsonValue u && u.TryGetValue<string>(out var url) ? url : null,
        item["token"] is JsonValue t && t.TryGetValue<string>(out var tokenText) ? tokenText : null);

    private static SandboxWatchItem Fail(int index, string code, string message, string apiName) =>
        SandboxWatchItem.Failed(FieldError(index, code, message, apiName));

    private static SandboxRecordError FieldError(int index, string code, string message, string apiName) =>
        new(code, message) { ApiName = apiName, JsonPath = $"$.watch[{index}].{apiName}" };

    private static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static bool? ReadBool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>The entry's events, notify_url and token, as given (null when absent or not of the right JSON type).</summary>
    private sealed record WatchSettings(List<string>? Events, string? NotifyUrl, string? Token);
}
