using System.IO.Compression;
using System.Text.Json.Nodes;
using CsvHelper;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Checks an uploaded ZIP against Zoho's Bulk Write file rules (§6.2): one CSV per ZIP, a header row, at most
/// <see cref="SandboxBulkOptions.MaxUploadRows"/> rows and <see cref="SandboxBulkOptions.MaxUploadColumns"/> columns;
/// the refusal names the rule.
/// </summary>
internal static class SandboxUploadInspector
{
    public static (IReadOnlyList<string>? Columns, int Rows, IResult? Error) Inspect(Stream zipFile, SandboxBulkOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
            var (entry, problem) = SandboxCsv.SingleCsv(zip);
            if (entry is null)
            {
                return (null, 0, InvalidFile(problem!));
            }

            using var csv = SandboxCsv.Reader(entry.Open());
            return Count(csv, limits);
        }
        catch (InvalidDataException)
        {
            return (null, 0, InvalidFile("the file is not a zip file holding one CSV file"));
        }
        catch (CsvFormatException exception)
        {
            return (null, 0, InvalidFile($"the CSV file cannot be read: malformed quoting in record {exception.RecordNumber}"));
        }
    }

    public static IResult InvalidFile(string message) =>
        SandboxJson.Error(400, "INVALID_FILE_FORMAT", message, new JsonObject { ["param_name"] = "file" });

    public static IResult TooMany(string what, int limit) =>
        SandboxJson.Error(400, "LIMIT_EXCEEDED", $"the file may hold at most {limit:N0} {what}", new JsonObject { ["param_name"] = "file", ["limit"] = limit });

    private static (IReadOnlyList<string>? Columns, int Rows, IResult? Error) Count(CsvReader csv, SandboxBulkOptions limits)
    {
        csv.ReadHeader();
        var header = csv.Headers;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return (null, 0, InvalidFile("the CSV file has no header row (the first row must hold the field API names)"));
        }

        if (header.Count > limits.MaxUploadColumns)
        {
            return (null, 0, TooMany("columns", limits.MaxUploadColumns));
        }

        var rows = 0;
        while (csv.Read())
        {
            if (++rows > limits.MaxUploadRows)
            {
                return (null, 0, TooMany("rows", limits.MaxUploadRows));
            }
        }

        return rows == 0 ? (null, 0, InvalidFile("the CSV file has a header row but no data rows")) : ([.. header.Select(h => h.Trim())], rows, null);
    }
}
