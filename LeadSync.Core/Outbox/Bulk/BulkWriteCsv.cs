using System.IO.Compression;
using System.Text;
using CsvHelper;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Writes a job's rows as the CSV Bulk Write reads (docs/zoho §6.2) with CsvHelper: a header of API names, Email first
/// (the <c>find_by</c> field, and one of the three columns Zoho echoes in its result), every field quoted so commas,
/// quotes, line breaks and any Unicode text arrive as typed; UTF-8 without a byte order mark; zipped as one entry.
/// Values are sent exactly: no spreadsheet formula guard (Zoho stores text, it evaluates nothing).
/// </summary>
public static class BulkWriteCsv
{
    /// <summary>The CSV's columns, by Zoho API name, in order (the job's <c>field_mappings</c>).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["Email", "Last_Name", "First_Name", "Company", "Phone", "Lead_Status"];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Quoting = CsvQuoting.Always };

    public static ZohoBulkFile Zip(IReadOnlyList<LeadFields> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(name + ".csv", CompressionLevel.Fastest);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(rows, writer);
        }

        return new ZohoBulkFile(name + ".zip", buffer.ToArray(), rows.Count);
    }

    /// <summary>The CSV text itself (header and rows).</summary>
    public static void Write(IReadOnlyList<LeadFields> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(output, Options, true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
        foreach (var lead in rows)
        {
            var record = LeadMapper.ToZoho(lead, null);
            csv.WriteField(record.Email ?? "");
            csv.WriteField(record.LastName ?? "");
            csv.WriteField(record.FirstName ?? "");
            csv.WriteField(record.Company ?? "");
            csv.WriteField(record.Phone ?? "");
            csv.WriteField(record.LeadStatus ?? "");
            csv.EndRecord();
        }

        csv.Flush();
    }
}
