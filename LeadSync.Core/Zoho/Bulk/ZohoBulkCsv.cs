using CsvHelper;

namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// The columns of a Bulk Read CSV (found once in its header by API name, any case) and one row of it as a
/// <see cref="ZohoLead"/>: a column the file lacks and an empty cell read as null.
/// </summary>
internal sealed class ZohoBulkCsv
{
    private readonly int id;
    private readonly int firstName;
    private readonly int lastName;
    private readonly int email;
    private readonly int phone;
    private readonly int status;
    private readonly int company;
    private readonly int modified;
    private readonly int created;

    public ZohoBulkCsv(CsvReader csv)
    {
        id = Column(csv, "Id");
        firstName = Column(csv, "First_Name");
        lastName = Column(csv, "Last_Name");
        email = Column(csv, "Email");
        phone = Column(csv, "Phone");
        status = Column(csv, "Lead_Status");
        company = Column(csv, "Company");
        modified = Column(csv, "Modified_Time");
        created = Column(csv, "Created_Time");
    }

    public ZohoLead Lead(CsvReader csv)
    {
        try
        {
            return new ZohoLead
            {
                Id = Cell(csv, id),
                FirstName = Cell(csv, firstName),
                LastName = Cell(csv, lastName),
                Email = Cell(csv, email),
                Phone = Cell(csv, phone),
                LeadStatus = Cell(csv, status),
                Company = Cell(csv, company),
                ModifiedTime = ZohoDateTime.Parse(Cell(csv, modified)),
                CreatedTime = ZohoDateTime.Parse(Cell(csv, created)),
            };
        }
        catch (FormatException ex)
        {
            throw new ZohoApiException(
                ZohoFailureKind.Permanent,
                new ZohoRecordError("INVALID_RESPONSE", $"Row {csv.RowNumber} of Zoho's Bulk Read result has a value LeadSync cannot read: {ex.Message}"),
                System.Net.HttpStatusCode.OK,
                ex);
        }
    }

    private static int Column(CsvReader csv, string apiName) => csv.TryGetFieldIndex(apiName, out var index) ? index : -1;

    private static string? Cell(CsvReader csv, int index)
    {
        if (index < 0 || index >= csv.FieldCount)
        {
            return null;
        }

        var value = csv.GetString(index);
        return value.Length == 0 ? null : value;
    }
}
