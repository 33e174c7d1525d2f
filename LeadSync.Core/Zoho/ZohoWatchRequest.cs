namespace LeadSync.Core.Zoho;

/// <summary>A Notification API channel (§5): Leads events to <see cref="NotifyUrl"/>, verified by <see cref="Token"/> (≤ 50 chars).</summary>
public sealed record ZohoWatchRequest(
    string ChannelId,
    IReadOnlyList<string> Events,
    string NotifyUrl,
    string Token,
    DateTimeOffset ChannelExpiry);
