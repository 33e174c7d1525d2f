using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Leads;

/// <summary>
/// A lead in LeadSync's own database, with the bookkeeping the two-way sync needs.
/// Field rules follow Zoho's (reference §2.11; lengths in UTF-16 units) and are enforced by <see cref="LeadFieldRules"/>.
/// </summary>
public sealed class Lead
{
    public const int FirstNameMaxLength = 40;
    public const int LastNameMaxLength = 80;
    public const int EmailMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int StatusMaxLength = 120;
    public const int CompanyMaxLength = 200;
    public const int ZohoIdMaxLength = 19;

    /// <summary>The model's name for the agreed snapshot's column text (<see cref="AgreedSnapshotColumn"/>), written by the set-based applies.</summary>
    internal const string AgreedSnapshotTextName = nameof(AgreedSnapshotText);

    /// <summary>Our own id: a time-ordered GUID generated at creation, never reused (the external match key).</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string? FirstName { get; set; }

    public string LastName { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    /// <summary>Lower-cased <see cref="Email"/>, unique: the case-insensitive uniqueness key.</summary>
    public string EmailNormalized { get; private set; } = string.Empty;

    public string? Phone { get; set; }

    /// <summary>Zoho <c>Lead_Status</c>.</summary>
    public string? Status { get; set; }

    public string? Company { get; set; }

    // EF Core reads and writes these fields, not the properties (its default access): a stored row's agreed snapshot
    // is read from its column text on first use, with the extra values of the same row (AgreedSnapshotColumn).
    private LeadFieldValues extraFields = LeadFieldValues.Empty;
    private string? agreedSnapshotText;
    private LeadFields? agreedSnapshot;
    private bool agreedSnapshotRead;

    /// <summary>
    /// The values of mapped extra Zoho fields by API name, typed per Zoho's metadata (stored as one JSON column: SQLite
    /// text, PostgreSQL <c>jsonb</c>). Values of fields no longer mapped are kept, untouched by the sync.
    /// </summary>
    public LeadFieldValues ExtraFields
    {
        get => extraFields;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var agreed = AgreedSnapshot; // read against the values stored with it, before they change
            extraFields = value;
            agreedSnapshotText = AgreedSnapshotColumn.Write(agreed, value);
        }
    }

    /// <summary>Lower-cased names, email, phone and company: what the console's quick search scans.</summary>
    public string SearchText { get; private set; } = string.Empty;

    /// <summary>Zoho's record id: a string of up to 19 digits, never a number (reference §2.1, §7.15).</summary>
    public string? ZohoId { get; set; }

    /// <summary>Zoho's <c>Modified_Time</c> of the version we last agreed with.</summary>
    public DateTimeOffset? ZohoModifiedTime { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Where the lead stands with Zoho; changed only by <see cref="Sync.State.LeadSyncTransitions"/>.</summary>
    public SyncState SyncState { get; internal set; } = SyncState.NeverSynced;

    public DateTimeOffset? LastSyncedAt { get; set; }

    public SyncError? LastError { get; set; }

    /// <summary>The agreed snapshot's column text, as <see cref="AgreedSnapshotColumn"/> wrote it (mapped by EF Core, through its field).</summary>
    private string? AgreedSnapshotText => agreedSnapshotText;

    /// <summary>The field values both sides last agreed on: the base of the three-way merge.</summary>
    public LeadFields? AgreedSnapshot
    {
        get
        {
            if (!agreedSnapshotRead)
            {
                agreedSnapshot = AgreedSnapshotColumn.Read(agreedSnapshotText, extraFields);
                agreedSnapshotRead = true;
            }

            return agreedSnapshot;
        }

        set
        {
            agreedSnapshot = value;
            agreedSnapshotRead = true;
            agreedSnapshotText = AgreedSnapshotColumn.Write(value, extraFields);
        }
    }

    /// <summary>Optimistic concurrency token, incremented on every save.</summary>
    public long Version { get; set; }

    /// <summary>The current business values.</summary>
    public LeadFields Fields => new(FirstName, LastName, Email, Phone, Status, Company) { Extra = ExtraFields };

    /// <summary>Sets the business fields from normalised values and refreshes the derived columns.</summary>
    public void Apply(LeadFields fields)
    {
        var values = fields.Normalize();
        FirstName = values.FirstName;
        LastName = values.LastName;
        Email = values.Email;
        Phone = values.Phone;
        Status = values.Status;
        Company = values.Company;
        ExtraFields = values.Extra;
        RefreshDerived();
    }

    /// <summary>Recomputes <see cref="EmailNormalized"/> and <see cref="SearchText"/> from the fields.</summary>
    public void RefreshDerived()
    {
        EmailNormalized = NormalizeEmail(Email);
        SearchText = string.Join(' ', new[] { FirstName, LastName, Email, Phone, Company }
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!.Trim().ToLowerInvariant()));
    }

    /// <summary>The case-insensitive form of an email address used for uniqueness and matching.</summary>
    public static string NormalizeEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();
}
