namespace LeadSync.Core.Zoho;

/// <summary>What Zoho answered for a watch channel: its id and the expiry it granted.</summary>
public sealed record ZohoWatchResult(string ChannelId, DateTimeOffset? ChannelExpiry);
