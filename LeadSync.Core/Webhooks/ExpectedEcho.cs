namespace LeadSync.Core.Webhooks;

/// <summary>
/// One write LeadSync made to a Zoho record (create, update or delete) whose notification is still to come back:
/// the notification it causes is explained by this row and costs no call and no run (see <see cref="OwnWriteEchoes"/>).
/// </summary>
public sealed class ExpectedEcho
{
    public long Id { get; set; }

    public string ZohoId { get; set; } = string.Empty;

    /// <summary>The record's Modified_Time after our create or update (null for a delete): only a notification of that second is ours.</summary>
    public DateTimeOffset? ZohoTime { get; set; }

    /// <summary>When Zoho answered the write (LeadSync's clock); past <c>Webhooks:EchoWindow</c> the row explains nothing.</summary>
    public DateTimeOffset WrittenAt { get; set; }
}
