using System.Text.Json;

namespace LeadSync.ZohoSandbox;

/// <summary>The enabled watch channels (§5), kept in memory and saved to the sandbox database.</summary>
public sealed class SandboxWatchRegistry(SandboxDatabase database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();
    private readonly Dictionary<long, SandboxWatchChannel> channels = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await database.LoadChannelsAsync(cancellationToken);
        lock (gate)
        {
            channels.Clear();
            foreach (var json in stored)
            {
                if (JsonSerializer.Deserialize<SandboxWatchChannel>(json, Json) is { } channel)
                {
                    channels[channel.ChannelId] = channel;
                }
            }
        }
    }

    public IReadOnlyList<SandboxWatchChannel> All()
    {
        lock (gate)
        {
            return [.. channels.Values.OrderBy(c => c.ChannelId)];
        }
    }

    public SandboxWatchChannel? Find(long channelId)
    {
        lock (gate)
        {
            return channels.GetValueOrDefault(channelId);
        }
    }

    /// <summary>Unexpired channels subscribed to this kind of change.</summary>
    public IReadOnlyList<SandboxWatchChannel> Subscribers(string operation, DateTimeOffset now)
    {
        lock (gate)
        {
            return [.. channels.Values.Where(c => c.Expiry > now && c.Matches(operation))];
        }
    }

    public async Task SaveAsync(IReadOnlyList<SandboxWatchChannel> changed, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var channel in changed)
            {
                channels[channel.ChannelId] = channel;
            }
        }

        await database.SaveChannelsAsync([.. changed.Select(c => (c.ChannelId, (string?)JsonSerializer.Serialize(c, Json)))], cancellationToken);
    }

    public async Task<bool> RemoveAsync(long channelId, CancellationToken cancellationToken)
    {
        bool removed;
        lock (gate)
        {
            removed = channels.Remove(channelId);
        }

        if (removed)
        {
            await database.SaveChannelsAsync([(channelId, null)], cancellationToken);
        }

        return removed;
    }
}
