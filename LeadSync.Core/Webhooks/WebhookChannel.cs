namespace LeadSync.Core.Webhooks;

/// <summary>The stored channel: its id, where Zoho posts, its verification token (kept encrypted) and expiry.</summary>
public sealed record WebhookChannel(string ChannelId, string NotifyUrl, string Token, DateTimeOffset Expiry)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"Watch channel {ChannelId} → {NotifyUrl}, expires {Expiry:O}";
}
