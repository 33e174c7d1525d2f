namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// A Bulk Write job (§6.2): an <c>upsert</c> of the uploaded file's rows into Leads, matched on <see cref="FindBy"/>,
/// the CSV's columns named in order by their API names (<see cref="Columns"/>), and where Zoho calls back when it ends.
/// </summary>
public sealed record ZohoBulkWriteRequest(string FileId, IReadOnlyList<string> Columns, string FindBy, string? CallbackUrl)
{
    /// <summary>The <c>format</c> a column's mapping names (date columns: Zoho's default is <c>MM/dd/yyyy</c>), by API name.</summary>
    public IReadOnlyDictionary<string, string> Formats { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
