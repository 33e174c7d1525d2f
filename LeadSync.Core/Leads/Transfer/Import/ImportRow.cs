namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// One data row of an uploaded CSV: its spreadsheet row number (the header is row 1, so the first data row is 2) and its
/// cells as read (a row shorter than the header has empty cells at its end).
/// </summary>
public sealed record ImportRow(int RowNumber, IReadOnlyList<string> Values);
