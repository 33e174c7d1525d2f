using System.IO.Compression;
using CsvHelper;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The Bulk APIs' file format (§6): a ZIP holding exactly one comma-separated CSV whose first row holds the column
/// names, UTF-8, quoted as RFC 4180 (commas, quotes and line breaks inside quotes).
/// </summary>
internal static class SandboxCsv
{
    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        MalformedData = CsvMalformedDataHandling.Throw,
        IncludeValuesInExceptions = false,
    };

    /// <summary>The one CSV entry of a ZIP, or why the ZIP is refused (no entry, several entries, not a .csv).</summary>
    public static (ZipArchiveEntry? Entry, string? Problem) SingleCsv(ZipArchive zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
        if (files.Count != 1)
        {
            return (null, $"the zip file must hold exactly one CSV file; it holds {files.Count} files");
        }

        return files[0].Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? (files[0], null)
            : (null, $"the file in the zip must be a .csv file, not '{files[0].Name}'");
    }

    /// <summary>A reader of a CSV with a header row; malformed quoting throws <see cref="CsvFormatException"/>.</summary>
    public static CsvReader Reader(Stream csv) => CsvReader.Create(csv, ReaderOptions, false);

    /// <summary>The current record's cells.</summary>
    public static string[] Cells(CsvReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var cells = new string[csv.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = csv.GetString(i);
        }

        return cells;
    }

    /// <summary>A CSV writer into a new ZIP at <paramref name="path"/> holding one entry named <paramref name="entryName"/>, streamed.</summary>
    public static (ZipArchive Zip, CsvWriter Csv) CreateZip(string path, string entryName)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false);
        return (zip, CsvWriter.Create(zip.CreateEntry(entryName, CompressionLevel.Fastest).Open(), CsvWriterOptions.Default, false));
    }

    public static void WriteRow(CsvWriter csv, IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            csv.WriteField(value ?? string.Empty);
        }

        csv.EndRecord();
    }
}
