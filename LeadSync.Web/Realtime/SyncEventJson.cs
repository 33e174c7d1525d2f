using System.Text.Json;
using System.Text.Json.Serialization;
using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// The wire form of a sync event between instances: <c>{"type":"LeadStateChanged","event":{…}}</c> (camelCase,
/// enums as strings). Unknown types (a newer instance during a rolling upgrade) read as null.
/// </summary>
public static class SyncEventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(EngineStateChanged), typeof(LeadStateChanged), typeof(LeadsChanged), typeof(RunStarted), typeof(RunProgress), typeof(RunFinished),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static string Serialize(SyncEvent syncEvent)
    {
        ArgumentNullException.ThrowIfNull(syncEvent);
        return JsonSerializer.Serialize(new Envelope(syncEvent.GetType().Name, JsonSerializer.SerializeToElement(syncEvent, syncEvent.GetType(), Options)), Options);
    }

    public static SyncEvent? Deserialize(string json)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(json, Options);
        return envelope is not null && Types.TryGetValue(envelope.Type, out var type)
            ? (SyncEvent?)envelope.Event.Deserialize(type, Options)
            : null;
    }

    private sealed record Envelope(string Type, JsonElement Event);
}
