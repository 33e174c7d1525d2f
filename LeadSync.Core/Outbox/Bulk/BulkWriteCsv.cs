using System.IO.Compression;
using System.Text;
using CsvHelper;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Writes a job's rows as the CSV Bulk Write reads (docs/zoho §6.2, §6.5) with CsvHelper: a header of API names — the
/// core six, Email first, then the extra fields a push sends (<see cref="BulkWriteColumns"/>) — every field quoted so
/// commas, quotes, line breaks and any Unicode text arrive as typed; UTF-8 without a byte order mark; zipped as one entry.
/// Values are sent exactly: no spreadsheet formula guard (Zoho stores text, it evaluates nothing).
/// </summary>
public static class BulkWriteCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Quoting = CsvQuoting.Always };

    public static ZohoBulkFile Zip(IReadOnlyList<LeadFields> rows, BulkWriteColumns columns, string name)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(name + ".csv", CompressionLevel.Fastest);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(rows, columns, writer);
        }

        return new ZohoBulkFile(name + ".zip", buffer.ToArray(), rows.Count);
    }

    /// <summary>The CSV text itself (header and rows).</summary>
    public static void Write(IReadOnlyList<LeadFields> rows, BulkWriteColumns columns, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        using var csv = CsvWriter.Create(output, Options, true);
        foreach (var column in columns.Names)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
        foreach (var lead in rows)
        {
            var record = LeadMapper.ToZoho(lead, null, columns.Extras);
            csv.WriteField(record.Email ?? "");
            csv.WriteField(record.LastName ?? "");
            csv.WriteField(record.FirstName ?? "");
            csv.WriteField(record.Company ?? "");
            csv.WriteField(record.Phone ?? "");
            csv.WriteField(record.LeadStatus ?? "");
            foreach (var field in columns.Pushed)
            {
                csv.WriteField(BulkWriteColumns.Cell(record.Extra.Get(field.ApiName)));
            }

            csv.EndRecord();
        }

        csv.Flush();
    }
}
