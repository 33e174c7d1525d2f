namespace LeadSync.Core.Webhooks;

/// <summary>What <see cref="WebhookChannelManager.EnsureChannelAsync"/> did.</summary>
public enum WebhookChannelOutcome
{
    /// <summary><c>Webhooks:Enabled</c> is off.</summary>
    Disabled,

    /// <summary>Zoho refuses our credentials; nothing was tried.</summary>
    WaitingForAuthorization,

    /// <summary>The channel has enough time left.</summary>
    Current,

    /// <summary>A new channel was enabled (none before, expired, moved, or Zoho no longer had it).</summary>
    Enabled,

    /// <summary>The channel's expiry was extended.</summary>
    Renewed,

    /// <summary>Zoho or the configuration refused; see the recorded last error.</summary>
    Failed,
}
