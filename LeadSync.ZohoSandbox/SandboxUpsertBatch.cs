namespace LeadSync.ZohoSandbox;

/// <summary>
/// One upsert call's matching state (§2.6): the leads it inserts and updates so far, and which lead each email now
/// belongs to, so a later record in the same call with the same email updates the lead an earlier one wrote.
/// </summary>
internal sealed class SandboxUpsertBatch(SandboxLeadStore store, bool matchEmail)
{
    private readonly Dictionary<string, long> pendingByEmail = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<long, SandboxLead> Inserted { get; } = [];

    public Dictionary<long, SandboxLead> Updated { get; } = [];

    /// <summary>The lead this record updates (matched on Email, case-insensitive), or null when it inserts.</summary>
    public SandboxLead? Match(SandboxLeadPatch patch)
    {
        var email = patch.Get(SandboxLeadFields.Email, null);
        if (!matchEmail || string.IsNullOrEmpty(email) || patch.ReadError is not null)
        {
            return null;
        }

        SandboxLead? existing = null;
        if (pendingByEmail.TryGetValue(email, out var pendingId))
        {
            existing = Inserted.GetValueOrDefault(pendingId) ?? Updated.GetValueOrDefault(pendingId);
        }

        return existing ?? (store.FindByEmail(email) is { } found ? Updated.GetValueOrDefault(found.Id) ?? found : null);
    }

    /// <summary>Records a written lead (a lead inserted earlier in this call stays an insert) and its outcome.</summary>
    public SandboxWriteItem Add(SandboxLead lead, SandboxLead? existing)
    {
        SandboxWriteItem item;
        if (existing is null)
        {
            Inserted[lead.Id] = lead;
            item = new SandboxWriteItem { Lead = lead, Action = "insert" };
        }
        else
        {
            if (Inserted.ContainsKey(lead.Id))
            {
                Inserted[lead.Id] = lead;
            }
            else
            {
                Updated[lead.Id] = lead;
            }

            item = new SandboxWriteItem { Lead = lead, Action = "update", DuplicateField = SandboxLeadFields.Email };
        }

        if (!string.IsNullOrEmpty(lead.Email))
        {
            pendingByEmail[lead.Email] = lead.Id;
        }

        return item;
    }
}
