using System.IO.Compression;
using CsvHelper;

namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// Reads a Bulk Write result (§6.2): a ZIP holding one CSV with the uploaded columns plus <c>STATUS</c>,
/// <c>RECORD_ID</c> and <c>ERRORS</c>, one row per uploaded row in upload order. Columns are found by header name;
/// rows are streamed, never held all at once.
/// </summary>
public static class ZohoBulkWriteResultReader
{
    public static IEnumerable<ZohoBulkWriteRow> Read(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        using var csv = ZohoBulkZip.OpenCsv(archive) ?? throw new FormatException("The bulk write result holds no CSV file.");
        csv.ReadHeader();
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        int Column(string name) => headers.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var (status, id, errors, email, modified) = (Column("STATUS"), Column("RECORD_ID"), Column("ERRORS"), Column("Email"), Column("Modified_Time"));
        if (status < 0 || id < 0)
        {
            throw new FormatException("The bulk write result has no STATUS or RECORD_ID column.");
        }

        var row = 0;
        while (csv.Read())
        {
            yield return new ZohoBulkWriteRow(
                row++,
                csv.GetString(status).Trim().ToUpperInvariant(),
                Cell(csv, id),
                Cell(csv, email),
                ParseErrors(Cell(csv, errors)),
                ZohoDateTime.Parse(Cell(csv, modified)));
        }
    }

    /// <summary>
    /// The first error of an <c>ERRORS</c> cell (<c>CODE-Column</c>, several as <c>CODE-Col1,Col2:CODE2-Col3</c>), with
    /// the whole cell as its message; null when the cell is empty.
    /// </summary>
    public static ZohoRecordError? ParseErrors(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return null;
        }

        var first = cell.Split(':', 2)[0].Trim();
        var dash = first.IndexOf('-', StringComparison.Ordinal);
        var code = dash < 0 ? first : first[..dash];
        var column = dash < 0 ? null : first[(dash + 1)..].Split(',')[0].Trim();
        return new ZohoRecordError(code, "Zoho's bulk write refused the row: " + cell.Trim(), Empty(column));
    }

    private static string? Cell(CsvReader csv, int column) => column < 0 ? null : Empty(csv.GetString(column));

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
