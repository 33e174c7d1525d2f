namespace LeadSync.Core.Fields.Errors;

/// <summary>
/// One extra field of one lead that Zoho would not take (push) or whose Zoho value does not fit the field as LeadSync
/// knows it (pull): the field is left out of that lead's sync while every other field goes on syncing, and the lead,
/// the Failures page and the mapping page show it. Written only through <c>LeadSyncTransitions</c> (FieldErrors).
/// </summary>
public sealed class LeadFieldError
{
    public long Id { get; set; }

    public Guid LeadId { get; set; }

    /// <summary>The Zoho API name of the extra field.</summary>
    public string ApiName { get; set; } = string.Empty;

    public FieldErrorDirection Direction { get; set; }

    /// <summary>Zoho's code (INVALID_DATA, MANDATORY_NOT_FOUND…) or, on a pull, <see cref="FieldErrorCodes.Unfit"/>.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Zoho's message, or what does not fit; never a whole lead.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>
    /// The value refused, as stored JSON text (<c>FieldValue.ToStoredText</c>; null for none): a push leaves the field
    /// out while the lead still holds this value, and sends it again once the value changes.
    /// </summary>
    public string? Value { get; set; }

    public DateTimeOffset At { get; set; }
}
