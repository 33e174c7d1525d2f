using System.IO.Compression;
using CsvHelper;

namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// The one CSV a Zoho bulk result ZIP holds (Bulk Read §6.1, Bulk Write §6.2), opened for streaming. Both results are
/// read through here, so they agree on which entry is the CSV and keep cell values — lead data — out of exception
/// messages, which reach logs.
/// </summary>
internal static class ZohoBulkZip
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with { IncludeValuesInExceptions = false };

    /// <summary>A reader over the archive's CSV entry (its header not yet read); null when the archive holds none.</summary>
    public static CsvReader? OpenCsv(ZipArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var entry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        return entry is null ? null : CsvReader.Create(entry.Open(), Options);
    }
}
