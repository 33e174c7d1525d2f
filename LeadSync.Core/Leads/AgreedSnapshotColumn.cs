using System.Text.Json;
using LeadSync.Core.Data;
using LeadSync.Core.Data.Configurations;
using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Leads;

/// <summary>
/// How a lead's agreed snapshot is stored (column <c>AgreedSnapshotJson</c>): the agreed values as JSON, except that
/// extra values equal to the lead's own (every synced lead: after a push or a pull both sides agree on the lead's
/// values) are not stored twice — the snapshot says <c>"extraAsLead":true</c> and is read back with the extra values
/// the row holds. The pair is written together: <see cref="Lead"/> writes this column again whenever either its
/// extra values or its agreed snapshot change, and reads the snapshot before its extra values change, so the mark
/// always means the extra values stored in the same row. Rows stored before (the extra values in full) read the same.
/// </summary>
internal static class AgreedSnapshotColumn
{
    /// <summary>
    /// The column text of <paramref name="agreed"/> (null: none agreed) stored beside <paramref name="leadExtra"/>, the
    /// extra values the same row holds — null when the writer does not know them: the extra values are then written out.
    /// </summary>
    public static string? Write(LeadFields? agreed, LeadFieldValues? leadExtra)
    {
        if (agreed is null)
        {
            return null;
        }

        var extra = agreed.Extra ?? LeadFieldValues.Empty;
        var asLead = leadExtra is not null && extra.Count > 0 && extra.Equals(leadExtra);
        return JsonColumnText.Write(160 + (asLead ? 0 : extra.Count * 48), (agreed, asLead), static (writer, s) => LeadFieldsJsonConverter.WriteFields(writer, s.agreed, s.asLead));
    }

    /// <summary>The agreed snapshot from its column text and the extra values stored in the same row.</summary>
    public static LeadFields? Read(string? stored, LeadFieldValues leadExtra)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        return JsonColumnText.Read(stored, leadExtra, static (ref Utf8JsonReader reader, LeadFieldValues extra) => LeadFieldsJsonConverter.ReadFields(ref reader, extra));
    }
}
