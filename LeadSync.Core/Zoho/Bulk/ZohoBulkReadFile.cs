using System.Globalization;
using System.IO.Compression;
using CsvHelper;

namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// A downloaded Bulk Read result (§6.1: a ZIP holding one CSV, header row of API names, an <c>Id</c> column, ISO 8601
/// date-times) kept in a temporary file and read one row at a time, so a result of 200,000 records never sits in
/// memory. Disposing deletes the file.
/// </summary>
public sealed class ZohoBulkReadFile : IDisposable
{
    private readonly string path;

    internal ZohoBulkReadFile(string path) => this.path = path;

    /// <summary>The file's size in bytes.</summary>
    public long Length => new FileInfo(path).Length;

    /// <summary>Where the download is kept until disposed.</summary>
    internal string FilePath => path;

    /// <summary>A new temporary file name for a download.</summary>
    internal static string NewPath() => Path.Combine(Path.GetTempPath(), $"leadsync-bulkread-{Guid.NewGuid():N}.zip");

    /// <summary>The CSV's rows as leads, in file order; a column the file lacks reads as null.</summary>
    /// <exception cref="ZohoApiException">The file is not a ZIP holding a CSV, or a value cannot be read.</exception>
    public IEnumerable<ZohoLead> ReadLeads()
    {
        using var zip = OpenZip();
        using var csv = ZohoBulkZip.OpenCsv(zip) ?? throw Invalid("Zoho's Bulk Read result holds no CSV file");
        csv.ReadHeader();
        var columns = new ZohoBulkCsv(csv);
        while (csv.Read())
        {
            yield return columns.Lead(csv);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A file still open elsewhere is left to the temp folder's cleanup.
        }
    }

    private ZipArchive OpenZip()
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw Invalid($"Zoho's Bulk Read result is not a ZIP file: {ex.Message}");
        }
    }

    private static ZohoApiException Invalid(string message) =>
        new(ZohoFailureKind.Permanent, new ZohoRecordError("INVALID_RESPONSE", message), System.Net.HttpStatusCode.OK);
}
