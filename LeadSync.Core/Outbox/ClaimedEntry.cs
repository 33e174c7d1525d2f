using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Outbox;

/// <summary>
/// An outbox entry as claimed, with the lead's values and concurrency version at claim time (null for deletes or a
/// vanished lead). <see cref="RepairsZohoCopy"/> says the lead shows a Zoho copy the pull refused, so its values go out
/// even when they equal the agreed ones.
/// </summary>
public sealed record ClaimedEntry(
    long EntryId,
    Guid LeadId,
    OutboxOperation Operation,
    string? ZohoId,
    int Revision,
    LeadFields? Fields,
    LeadFields? Agreed,
    string? LeadZohoId,
    long? LeadVersion = null,
    bool RepairsZohoCopy = false,
    string? CreateEmail = null)
{
    /// <summary>True when this create goes out under its first attempt's email, not the lead's current one.</summary>
    public bool SentUnderFirstEmail { get; init; }

    /// <summary>When this create's first attempt was claimed.</summary>
    public DateTimeOffset? CreateAttemptedAt { get; init; }

    /// <summary>The values an earlier attempt of this create sent when its answer was lost (see <see cref="OutboxEntry.CreateSnapshot"/>).</summary>
    public LeadFields? CreateSnapshot { get; init; }

    /// <summary>
    /// Extra fields left out of this push: Zoho refused the value the lead still holds (a <c>LeadFieldError</c>). Zoho
    /// keeps its agreed value for them, so <see cref="Sent"/> carries that one.
    /// </summary>
    public IReadOnlySet<string> Withheld { get; init; } = NoFields;

    /// <summary>True when the lead shows a push field error (withheld or not): the result must settle it record by record.</summary>
    public bool HasFieldErrors { get; init; }

    /// <summary>
    /// True when <see cref="Fields"/> are the lead's values as stored at <see cref="LeadVersion"/> (an outbox claim reads
    /// them so); a Bulk Write row's are the values the row sent, which may leave out a field the lead holds.
    /// </summary>
    public bool FieldsAsStored { get; init; }

    /// <summary>
    /// The values this push sends and, once Zoho wrote them, both sides agree on: the lead's values with each withheld
    /// field at its agreed value (absent without one).
    /// </summary>
    public LeadFields? Sent => Withheld.Count == 0 || Fields is null
        ? Fields
        : Fields with { Extra = Fields.Extra.WithFrom(Withheld, Agreed?.Extra ?? LeadFieldValues.Empty) };

    /// <summary>No field withheld.</summary>
    public static readonly IReadOnlySet<string> NoFields = new HashSet<string>(StringComparer.Ordinal);
}
