using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Settings;

namespace LeadSync.Web.Realtime;

/// <summary>The <c>Realtime</c> section: cross-instance relay over PostgreSQL LISTEN/NOTIFY (PostgreSQL only).</summary>
public sealed class PostgresEventOptions
{
    public const string SectionName = "Realtime";

    /// <summary>The NOTIFY channel every instance listens on.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Realtime:Channel must be a lower-case PostgreSQL identifier.")]
    public string Channel { get; set; } = "leadsync_events";

    /// <summary>Wait before reconnecting the listener after its connection dropped.</summary>
    [TimeSpanRange("00:00:00.100", "00:05:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
