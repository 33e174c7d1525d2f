using System.Text;
using CsvHelper;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Reads an uploaded CSV (bytes) with CsvHelper — RFC 4180 quoting and embedded line breaks, a UTF-8/UTF-16 byte order
/// mark, the separator detected among <c>, ; \t |</c> or given by Excel's <c>sep=;</c> line — and turns every way a file
/// can be unusable (empty, no header, binary, not UTF-8/UTF-16, unclosed quote) into an <see cref="ImportFileException"/>
/// naming the row. No CSV is parsed by hand here: this class only checks what CsvHelper hands back.
/// </summary>
public static class ImportCsvReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        MalformedData = CsvMalformedDataHandling.Throw,
        IncludeValuesInExceptions = false,
    };

    /// <summary>The header's column names (the whole file is not read).</summary>
    public static IReadOnlyList<string> ReadHeader(byte[] content)
    {
        using var csv = Open(content);
        return Header(csv);
    }

    /// <summary>The header and every row, streamed; rows up to <paramref name="skipRows"/> data rows are passed over unread.</summary>
    public static IEnumerable<ImportRow> ReadRows(byte[] content, int skipRows = 0)
    {
        using var csv = Open(content);
        var width = Header(csv).Count;
        var row = 1;
        while (Next(csv, row + 1))
        {
            row++;
            if (row - 1 <= skipRows)
            {
                continue;
            }

            yield return new ImportRow(row, Cells(csv, width, row));
        }
    }

    /// <summary>Reads the whole file once (nothing is kept): throws the first problem, else returns the number of data rows.</summary>
    public static int CountRows(byte[] content)
    {
        var count = 0;
        foreach (var unused in ReadRows(content))
        {
            count++;
        }

        return count;
    }

    private static CsvReader Open(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = TextStart(content);
        if (content.Length == text || content.AsSpan(text).IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw new ImportFileException("The file is empty: it needs a header row and at least one row of leads.");
        }

        if (text == 0 && !IsUtf8(content))
        {
            throw new ImportFileException("The file is not UTF-8 or UTF-16 text. Save it as \"CSV UTF-8\" and upload it again.");
        }

        return CsvReader.Create(content, Options);
    }

    /// <summary>The length of a byte order mark CsvHelper honours (UTF-8, UTF-16 LE/BE), or 0.</summary>
    private static int TextStart(byte[] content) => content switch
    {
        [0xEF, 0xBB, 0xBF, ..] => 3,
        [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => 2,
        _ => 0,
    };

    private static bool IsUtf8(byte[] content)
    {
        try
        {
            StrictUtf8.GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static List<string> Header(CsvReader csv)
    {
        try
        {
            csv.ReadHeader();
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException($"Row 1 (the header) cannot be read: {Describe(ex)}", 1, ex);
        }

        var names = csv.Headers.Select(h => h.Trim()).ToList();
        if (names.All(string.IsNullOrEmpty))
        {
            throw new ImportFileException("Row 1 is not a header: it has no column names (the first row must name the columns, e.g. Email, Last name).", 1);
        }

        if (names.Any(HasControlCharacters))
        {
            throw new ImportFileException("Row 1 holds control characters: this looks like a binary file, not a CSV.", 1);
        }

        return names;
    }

    private static bool Next(CsvReader csv, int row)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException ex)
        {
            var at = ex.RecordNumber > 0 ? (int)ex.RecordNumber : row;
            throw new ImportFileException($"Row {at} cannot be read: {Describe(ex)}", at, ex);
        }
    }

    private static string[] Cells(CsvReader csv, int width, int row)
    {
        var cells = new string[width];
        for (var i = 0; i < width; i++)
        {
            var value = csv.GetString(i);
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ImportFileException($"Row {row} holds a NUL character: this looks like a binary file, not a CSV.", row);
            }

            cells[i] = value;
        }

        return cells;
    }

    private static bool HasControlCharacters(string value) => value.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));

    private static string Describe(CsvFormatException ex) =>
        ex.Message.Contains("quote", StringComparison.OrdinalIgnoreCase)
            ? $"a quoted value is not closed or has a stray quote ({ex.Message})"
            : ex.Message;
}
