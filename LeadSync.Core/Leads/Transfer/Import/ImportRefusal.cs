namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// A row an import did not store, with its cells as uploaded and the reason: what the refused-rows CSV is written from,
/// so a person can fix those rows and import them again.
/// </summary>
public sealed class ImportRefusal
{
    public const int ReasonMaxLength = 2000;

    public long Id { get; set; }

    public Guid JobId { get; set; }

    /// <summary>The spreadsheet row (the header is row 1).</summary>
    public int RowNumber { get; set; }

    /// <summary>The row's cells as a JSON array of strings.</summary>
    public string ValuesJson { get; set; } = "[]";

    public string Reason { get; set; } = string.Empty;
}
