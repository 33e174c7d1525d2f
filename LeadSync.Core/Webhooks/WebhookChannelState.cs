namespace LeadSync.Core.Webhooks;

/// <summary>What the dashboard or settings can show about the watch channel; never the verification token.</summary>
public sealed record WebhookChannelState(
    bool Enabled,
    string? ChannelId,
    string? NotifyUrl,
    DateTimeOffset? Expiry,
    DateTimeOffset? LastRenewedAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);
