using System.Text;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// One generated sequence: a fixed conflict policy, whether the Zoho user's writes send watch notifications (the app's
/// webhook then pulls them at once), how many leads exist and are synced before the operations, and the operations.
/// </summary>
internal sealed record ModelSequence(ConflictPolicy Policy, bool Webhooks, int SyncedLocal, int SyncedZoho, IReadOnlyList<ModelOp> Ops)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"policy {Policy}, webhooks {(Webhooks ? "on" : "off")}; setup: {SyncedLocal} lead(s) created locally and {SyncedZoho} in Zoho, all synced");
        for (var i = 0; i < Ops.Count; i++)
        {
            text.Append($"\n  {i + 1}. {Ops[i]}");
        }

        return text.ToString();
    }
}
