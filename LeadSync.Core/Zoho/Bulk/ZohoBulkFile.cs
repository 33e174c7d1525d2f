namespace LeadSync.Core.Zoho.Bulk;

/// <summary>A file for Bulk Write (§6.2): a ZIP holding one CSV, its name, and how many data rows the CSV holds.</summary>
public sealed record ZohoBulkFile(string FileName, byte[] Zip, int Rows)
{
    /// <summary>Zoho's limits on one file (§6.2).</summary>
    public const int MaxRows = 25_000;

    public const int MaxBytes = 25 * 1024 * 1024;

    public const int MaxColumns = 200;
}
