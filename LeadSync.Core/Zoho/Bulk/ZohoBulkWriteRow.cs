namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// One row of a Bulk Write result (§6.2), in upload order: its <c>STATUS</c> (ADDED, UPDATED, SKIPPED, UNPROCESSED),
/// the record's <c>RECORD_ID</c>, the row's own error (the first of <c>ERRORS</c>), the email it carried, and
/// Modified_Time when the result has that column.
/// </summary>
public sealed record ZohoBulkWriteRow(int Row, string Status, string? RecordId, string? Email, ZohoRecordError? Error, DateTimeOffset? ModifiedTime)
{
    /// <summary>Zoho wrote the row: added or updated, with a record id.</summary>
    public bool Written => Error is null && RecordId is not null && Status is "ADDED" or "UPDATED";

    /// <summary>The upsert matched an existing record by its find_by field (an update, not a create).</summary>
    public bool Updated => Status == "UPDATED";
}
