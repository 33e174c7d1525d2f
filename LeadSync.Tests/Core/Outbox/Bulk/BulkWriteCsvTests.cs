using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>The CSV a Bulk Write job uploads and the result it reads back (docs/zoho §6.2).</summary>
public sealed class BulkWriteCsvTests
{
    [Fact]
    public void Every_field_survives_commas_quotes_line_breaks_and_unicode()
    {
        LeadFields[] leads =
        [
            new("Ann, \"the\" first", "O'Brien, Jr.", "ann@example.com", "+1 (555) 0100", "Not Contacted", "Acme, \"Inc\""),
            new("Line\nbreak", "Carriage\r\nReturn", "zoë@exämple.de", null, null, "=SUM(A1)"),
            new("Ζωή 李 😀", "Ünïcödé", "u@example.jp", "", "Contacted", "株式会社"),
        ];

        var file = BulkWriteCsv.Zip(leads, BulkWriteColumns.CoreOnly, "Leads-test");

        Assert.Equal(3, file.Rows);
        using var archive = new ZipArchive(new MemoryStream(file.Zip), ZipArchiveMode.Read);
        var entry = Assert.Single(archive.Entries);
        using var stream = entry.Open();
        var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        Assert.False(bytes.ToArray().AsSpan().StartsWith("\uFEFF"u8), "no byte order mark");
        using var csv = CsvReader.Create(bytes.ToArray(), CsvReaderOptions.Default);
        csv.ReadHeader();
        Assert.Equal(BulkWriteColumns.Core, csv.Headers.ToArray());
        foreach (var lead in leads)
        {
            Assert.True(csv.Read());
            Assert.Equal(lead.Email, csv.GetString(0));
            Assert.Equal(lead.LastName, csv.GetString(1));
            Assert.Equal(lead.FirstName ?? "", csv.GetString(2));
            Assert.Equal(lead.Company ?? "", csv.GetString(3));
            Assert.Equal(lead.Phone ?? "", csv.GetString(4));
            Assert.Equal(lead.Status ?? "", csv.GetString(5));
        }

        Assert.False(csv.Read());
    }

    [Fact]
    public void Every_cell_is_quoted_so_no_value_can_end_a_field_or_row()
    {
        var text = new StringWriter();
        BulkWriteCsv.Write([new LeadFields("A", "B", "c@example.com", null, null, null)], BulkWriteColumns.CoreOnly, text);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Email\",\"Last_Name\",\"First_Name\",\"Company\",\"Phone\",\"Lead_Status\"", lines[0]);
        Assert.Equal("\"c@example.com\",\"B\",\"A\",\"\",\"\",\"\"", lines[1]);
    }

    [Fact]
    public void Extra_fields_that_push_are_columns_with_each_kind_written_as_zohos_import_reads_it()
    {
        var extras = new ExtraFieldSet(
        [
            Mapped("Notes__c", ZohoFieldType.TextArea), Mapped("Budget__c", ZohoFieldType.Currency), Mapped("Is_Partner__c", ZohoFieldType.Boolean),
            Mapped("Product_Interest__c", ZohoFieldType.MultiSelectPicklist), Mapped("Next_Call__c", ZohoFieldType.Date),
            Mapped("Demo_At__c", ZohoFieldType.DateTime), Mapped("Region__c", ZohoFieldType.Picklist, FieldSyncDirection.ZohoToLeadSync),
            Mapped("Seats__c", ZohoFieldType.WholeNumber, FieldSyncDirection.LeadSyncToZoho),
        ]);
        var columns = BulkWriteColumns.For(extras);
        var notes = "Ann, \"the\" first\r\nLine two · Zoë 李 😀";
        var lead = new LeadFields("A", "B", "c@example.com", null, null, null)
        {
            Extra = LeadFieldValues.Empty.With("Notes__c", FieldValue.Text(notes)).With("Budget__c", FieldValue.Number(1234567.5m))
                .With("Is_Partner__c", FieldValue.Boolean(false)).With("Product_Interest__c", FieldValue.List(["CRM", "Analytics"]))
                .With("Next_Call__c", FieldValue.Text("2026-12-24")).With("Demo_At__c", FieldValue.Text("2026-12-03T09:30:00+01:00"))
                .With("Region__c", FieldValue.Text("EMEA")),
        };
        var text = new StringWriter();
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a decimal comma must not reach the file
            BulkWriteCsv.Write([lead], columns, text);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(text.ToString()), CsvReaderOptions.Default);
        csv.ReadHeader();
        string[] expected = [.. BulkWriteColumns.Core, "Notes__c", "Budget__c", "Is_Partner__c", "Product_Interest__c", "Next_Call__c", "Demo_At__c", "Seats__c"];
        Assert.Equal(expected, csv.Headers.ToArray()); // Region__c comes from Zoho only: no column
        Assert.Equal(expected, columns.Names);
        Assert.Equal(new Dictionary<string, string> { ["Next_Call__c"] = "yyyy-MM-dd" }, columns.Formats);
        Assert.True(csv.Read());
        Assert.Equal([notes, "1234567.5", "false", "CRM;Analytics", "2026-12-24", "2026-12-03T09:30:00+01:00", ""], Enumerable.Range(6, 7).Select(i => csv.GetString(i)).ToArray());
        Assert.False(csv.Read());
    }

    private static MappedField Mapped(string apiName, ZohoFieldType type, FieldSyncDirection direction = FieldSyncDirection.BothWays) =>
        new(new ZohoFieldDefinition { ApiName = apiName, Label = apiName, Type = type, DataType = ZohoFieldTypes.DataTypeOf(type) }, direction);

    [Fact]
    public void Result_rows_carry_status_record_id_and_the_rows_own_error()
    {
        var csv = "Email,Last_Name,First_Name,STATUS,RECORD_ID,ERRORS\r\n" +
            "a@example.com,A,X,ADDED,1001,\r\n" +
            "b@example.com,B,Y,UPDATED,1002,\r\n" +
            "\"c,@example.com\",,Z,SKIPPED,,\"MANDATORY_NOT_FOUND-Last_Name:DUPLICATE_DATA-Email\"\r\n";
        var rows = ZohoBulkWriteResultReader.Read(Zip("Leads-result.csv", csv)).ToList();

        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].Written);
        Assert.False(rows[0].Updated);
        Assert.Equal("1001", rows[0].RecordId);
        Assert.True(rows[1].Written && rows[1].Updated);
        Assert.False(rows[2].Written);
        Assert.Equal("c,@example.com", rows[2].Email);
        Assert.Equal("MANDATORY_NOT_FOUND", rows[2].Error!.Code);
        Assert.Equal("Last_Name", rows[2].Error!.ApiName);
        Assert.Equal("LastName", rows[2].Error!.LeadField);
        Assert.Contains("DUPLICATE_DATA-Email", rows[2].Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ZohoDataCenter.US, "https://content.zohoapis.com")]
    [InlineData(ZohoDataCenter.EU, "https://content.zohoapis.eu")]
    [InlineData(ZohoDataCenter.AU, "https://content.zohoapis.com.au")]
    [InlineData(ZohoDataCenter.CN, "https://content.zohoapis.com.cn")]
    [InlineData(ZohoDataCenter.CA, "https://upload.zohocloud.ca")]
    [InlineData(ZohoDataCenter.SA, "https://files.zoho.sa")]
    public void Uploads_go_to_the_data_centres_file_host(ZohoDataCenter dataCenter, string host) =>
        Assert.Equal(host, ZohoDataCenters.FileUrl(dataCenter)); // docs/zoho §1.1

    private static byte[] Zip(string name, string csv)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(csv);
        }

        return buffer.ToArray();
    }
}
