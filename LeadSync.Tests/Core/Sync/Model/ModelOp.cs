namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// One generated operation. <see cref="Target"/> picks an existing lead or record by position (modulo how many exist
/// when it runs), <see cref="Fields"/> is a bit set over <see cref="ModelValues.Fields"/>, <see cref="Word"/> picks a
/// value from the field's small pool (or a fault kind), <see cref="ViaApi"/> sends a local write through the REST API
/// instead of <c>LeadCommands</c> (as the console does).
/// </summary>
internal sealed record ModelOp(ModelOpKind Kind, int Target = 0, int Fields = 0, int Word = 0, bool ViaApi = false)
{
    public override string ToString() => Kind switch
    {
        ModelOpKind.LocalCreate => $"local {Via} creates a lead",
        ModelOpKind.LocalEdit => $"local {Via} edits lead #{Target}: {FieldNames}",
        ModelOpKind.LocalEmailCase => $"local {Via} changes only the letter case of lead #{Target}'s email",
        ModelOpKind.LocalDelete => $"local {Via} deletes lead #{Target}",
        ModelOpKind.BulkPush => Word == 0 ? "bulk push of all leads (SyncService.PushAsync(filter))" : $"bulk push of the leads matching '{ModelValues.SearchWord(Word)}'",
        ModelOpKind.ZohoCreate => "Zoho user creates a lead",
        ModelOpKind.ZohoEdit => $"Zoho user edits record #{Target}: {FieldNames}",
        ModelOpKind.ZohoEmailCase => $"Zoho user changes only the letter case of record #{Target}'s email",
        ModelOpKind.ZohoDelete => $"Zoho user deletes record #{Target}",
        ModelOpKind.Pull => "pull now and wait",
        ModelOpKind.Drain => "drain the outbox now (what a nudge runs)",
        ModelOpKind.Settle => "settle (wait until runs, webhooks and the outbox are idle)",
        ModelOpKind.Faults => $"fault window on: {ModelFaults.Describe(Word)}",
        ModelOpKind.FaultsOff => "fault window off",
        ModelOpKind.ExpireTokens => "expire Zoho access tokens",
        ModelOpKind.Restart => "restart the app (same SQLite file and sandbox file)",
        _ => Kind.ToString(),
    };

    private string Via => ViaApi ? "(REST API)" : "(console)";

    private string FieldNames => string.Join('+', ModelValues.FieldsOf(Fields));
}
