using System.ComponentModel.DataAnnotations;

namespace LeadSync.Core.Settings;

/// <summary>The <c>Settings</c> section: how often each instance re-reads settings saved by another instance.</summary>
public sealed class RuntimeSettingsOptions
{
    public const string SectionName = "Settings";

    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
