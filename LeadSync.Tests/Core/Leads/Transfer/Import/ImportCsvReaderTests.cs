using System.Text;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer.Import;

namespace LeadSync.Tests.Core.Leads.Transfer.Import;

/// <summary>Reading uploaded CSV files (no database): every oddity of real files, and the files that cannot be read.</summary>
public sealed class ImportCsvReaderTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static List<string[]> Rows(byte[] content) => [.. ImportCsvReader.ReadRows(content).Select(r => r.Values.ToArray())];

    [Fact]
    public void Quotes_doubled_quotes_and_a_line_break_inside_quotes_are_one_cell()
    {
        var content = Utf8("Email,Last name,Company\r\na@x.com,\"O\"\"Brien, Jr\",\"Multi\r\nLine\"\r\nb@x.com,Plain,\r\n");

        var rows = ImportCsvReader.ReadRows(content).ToList();

        Assert.Equal(["a@x.com", "O\"Brien, Jr", "Multi\r\nLine"], rows[0].Values);
        Assert.Equal(["b@x.com", "Plain", ""], rows[1].Values);
        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_header()
    {
        var content = Encoding.UTF8.GetPreamble().Concat(Utf8("Email,Last name\nzoë@x.com,Zoë\n")).ToArray();

        Assert.Equal(["Email", "Last name"], ImportCsvReader.ReadHeader(content));
        Assert.Equal(["zoë@x.com", "Zoë"], Rows(content)[0]);
    }

    [Fact]
    public void A_semicolon_file_from_European_Excel_is_detected()
    {
        var content = Utf8("Email;Last name;Company\r\na@x.com;Müller;ACME, Inc\r\nb@x.com;Dupont;Café\r\n");

        Assert.Equal(["Email", "Last name", "Company"], ImportCsvReader.ReadHeader(content));
        Assert.Equal(["a@x.com", "Müller", "ACME, Inc"], Rows(content)[0]);
    }

    [Fact]
    public void Excel_sep_hint_line_sets_the_separator_and_is_not_the_header()
    {
        var content = Utf8("sep=;\r\nEmail;Last name\r\na@x.com;Lovelace\r\n");

        Assert.Equal(["Email", "Last name"], ImportCsvReader.ReadHeader(content));
        Assert.Equal(["a@x.com", "Lovelace"], Assert.Single(Rows(content)));
    }

    [Fact]
    public void A_utf16_little_endian_file_with_its_byte_order_mark_is_read()
    {
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Email\tLast name\r\n李@x.com\t李\r\n")).ToArray();

        Assert.Equal(["Email", "Last name"], ImportCsvReader.ReadHeader(content));
        Assert.Equal(["李@x.com", "李"], Assert.Single(Rows(content)));
    }

    [Fact]
    public void A_short_row_gets_empty_cells()
    {
        Assert.Equal(["a@x.com", ""], Assert.Single(Rows(Utf8("Email,Last name\na@x.com\n"))));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\r\n\r\n", "empty")]
    [InlineData(",,\r\na,b,c\r\n", "no column names")]
    public void A_file_without_a_header_is_refused_clearly(string text, string expected)
    {
        var error = Assert.Throws<ImportFileException>(() => ImportCsvReader.CountRows(Utf8(text)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_names_its_row()
    {
        var content = Utf8("Email,Last name\r\na@x.com,Ok\r\nb@x.com,\"Never closed\r\nc@x.com,Lost\r\n");

        var error = Assert.Throws<ImportFileException>(() => ImportCsvReader.CountRows(content));

        Assert.Equal(3, error.RowNumber);
        Assert.StartsWith("Row 3 cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_is_refused_as_not_text()
    {
        var garbage = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0x00, 0x00 };

        var error = Assert.Throws<ImportFileException>(() => ImportCsvReader.CountRows(garbage));

        Assert.Contains("not UTF-8 or UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nul_character_in_valid_utf8_is_refused_as_binary()
    {
        var error = Assert.Throws<ImportFileException>(() => ImportCsvReader.CountRows(Utf8("Email,Last name\na@x.com,A\0B\n")));

        Assert.Equal(2, error.RowNumber);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guess_reads_english_zoho_and_export_headers_and_ignores_sync_columns()
    {
        var mapping = ImportMappingGuess.Guess(["E-mail", "Surname", "first_name", "Mobile", "Lead_Status", "Organisation", "Zoho id", "Sync state"]);

        Assert.Equal(
            [LeadImportField.Email, LeadImportField.LastName, LeadImportField.FirstName, LeadImportField.Phone, LeadImportField.Status, LeadImportField.Company, null, null],
            mapping.Columns);
        Assert.Empty(mapping.Errors(8));
    }

    [Fact]
    public void The_export_header_maps_every_field_and_a_second_email_column_is_ignored()
    {
        var mapping = ImportMappingGuess.Guess(["First name", "Last name", "Email", "Phone", "Status", "Company", "EMAIL ADDRESS"]);

        Assert.Equal([.. Enum.GetValues<LeadImportField>().Cast<LeadImportField?>(), null], mapping.Columns);
    }

    [Fact]
    public void A_mapping_without_email_or_last_name_or_with_a_field_twice_lists_every_error()
    {
        var mapping = new ImportMapping([LeadImportField.Company, LeadImportField.Company, null]);

        var error = Assert.Throws<ImportMappingException>(() => mapping.EnsureValid(3));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Contains("Email", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("Last name", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("Company is mapped to 2 columns", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cell_guarded_by_an_export_is_read_back_unguarded()
    {
        var mapping = new ImportMapping([LeadImportField.Email, LeadImportField.LastName, LeadImportField.Company]);

        var fields = mapping.ToFields(["a@x.com", " Lovelace ", "'=SUM(A1)"]);

        Assert.Equal(new LeadFields(null, "Lovelace", "a@x.com", null, null, "=SUM(A1)"), fields);
    }
}
