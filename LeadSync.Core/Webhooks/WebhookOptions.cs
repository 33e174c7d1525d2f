using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Settings;

namespace LeadSync.Core.Webhooks;

/// <summary>The <c>Webhooks</c> section: Zoho's Notification API channel (§5) that tells LeadSync about changes at once.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Keeps a watch channel enabled in Zoho (default true). Off: only the scheduled pull brings Zoho's changes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far ahead a channel's expiry is set; Zoho v8 allows at most one week (§5).</summary>
    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan ChannelLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A channel with less than this left is renewed (PATCH).</summary>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the receiver gathers ids arriving close together before it pulls them in one run.</summary>
    [TimeSpanRange("00:00:00", "00:00:10")]
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// How long a write of LeadSync's explains the notification it causes (<see cref="OwnWriteEchoes"/>); later, the
    /// notification is treated as someone else's change and pulled.
    /// </summary>
    [TimeSpanRange("00:00:05", "01:00:00")]
    public TimeSpan EchoWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Notifications waiting to be pulled; beyond this a notification is dropped (the scheduled pull catches it up).</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;
}
