namespace LeadSync.Core.Settings;

/// <summary>One stored setting (key/value). Secret values are encrypted with Data Protection before they get here.</summary>
public sealed class AppSetting
{
    public const int KeyMaxLength = 200;

    public string Key { get; set; } = "";

    public string? Value { get; set; }

    /// <summary>True when <see cref="Value"/> is a Data Protection payload, not plain text.</summary>
    public bool IsProtected { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
