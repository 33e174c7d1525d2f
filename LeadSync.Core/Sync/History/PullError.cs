namespace LeadSync.Core.Sync.History;

/// <summary>A Zoho record a pull could not apply (fails local validation, email taken…): recorded, never dropped silently.</summary>
public sealed class PullError
{
    public long Id { get; set; }

    public Guid? RunId { get; set; }

    public string ZohoId { get; set; } = string.Empty;

    public DateTimeOffset? ZohoModifiedTime { get; set; }

    public DateTimeOffset At { get; set; }

    public string Code { get; set; } = string.Empty;

    public string? Field { get; set; }

    public string Message { get; set; } = string.Empty;
}
