namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The uploaded file cannot be read as a CSV of leads (empty, no header, binary, broken quoting). Raised before anything
/// is stored, so a person can fix the file and upload it again; <see cref="RowNumber"/> names the row when one is at fault.
/// </summary>
public sealed class ImportFileException(string message, long? rowNumber = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The spreadsheet row at fault (the header is row 1), or null when the file as a whole is.</summary>
    public long? RowNumber { get; } = rowNumber;
}
