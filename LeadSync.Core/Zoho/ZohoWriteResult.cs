namespace LeadSync.Core.Zoho;

/// <summary>
/// The outcome of one record of an insert, update, upsert or delete call (§2.4–§2.7), in input order.
/// Success carries Zoho's id and <c>Modified_Time</c>; upsert also says whether it inserted or updated.
/// </summary>
public sealed record ZohoWriteResult(int Index, string? Id, DateTimeOffset? ModifiedTime, string? Action, ZohoRecordError? Error)
{
    public bool Success => Error is null;
}
