using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// A person editing leads in Zoho's UI: each write is what <see cref="SandboxLeadService"/> does for the sandbox page
/// (validate, Modified_Time to the current second, save, notify watchers when <paramref name="notify"/>), done while
/// holding the store's write lease from the read to the save, so the value a write replaced is exactly the one read
/// (the reference model depends on it; a push cannot land in between).
/// </summary>
internal sealed class ZohoUser(IServiceProvider services, bool notify)
{
    private SandboxLeadStore Store => services.GetRequiredService<SandboxLeadStore>();

    private SandboxClock Clock => services.GetRequiredService<SandboxClock>();

    private SandboxNotifier Notifier => services.GetRequiredService<SandboxNotifier>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public IReadOnlyList<SandboxLead> All() => [.. Store.Search(null, 0, int.MaxValue).Items.OrderBy(l => l.Id)];

    public static LeadFields FieldsOf(SandboxLead lead) => LeadMapper.ToFields(ToZoho(lead));

    public async Task<SandboxLead> CreateAsync(LeadFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        SandboxLead lead;
        using (await Store.BeginWriteAsync(Token))
        {
            if (Store.FindByEmail(fields.Email) is { } taken)
            {
                throw new InvalidOperationException($"Harness bug: Zoho already holds {fields.Email} (record {taken.Id}).");
            }

            var now = Clock.Now();
            lead = new SandboxLead(Store.NextId(), fields.FirstName, fields.LastName, fields.Email, fields.Phone, fields.Status, fields.Company, now, now);
            Validate(lead);
            await Store.CommitAsync(new SandboxChangeSet([lead], []), Token);
        }

        Publish("insert", lead.Id);
        return lead;
    }

    /// <summary>Edits the record at <paramref name="index"/> (modulo the count); null when Zoho holds no record.</summary>
    public async Task<(SandboxLead Before, SandboxLead After)?> EditAsync(int index, Func<SandboxLead, LeadFields> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        SandboxLead before, after;
        using (await Store.BeginWriteAsync(Token))
        {
            var all = All();
            if (all.Count == 0)
            {
                return null;
            }

            before = all[index % all.Count];
            var fields = edit(before);
            if (!string.Equals(fields.Email, before.Email, StringComparison.OrdinalIgnoreCase) && Store.FindByEmail(fields.Email) is { } taken)
            {
                throw new InvalidOperationException($"Harness bug: Zoho already holds {fields.Email} (record {taken.Id}).");
            }

            after = before with
            {
                FirstName = fields.FirstName, LastName = fields.LastName, Email = fields.Email, Phone = fields.Phone,
                LeadStatus = fields.Status, Company = fields.Company, ModifiedTime = Clock.Now(),
            };
            Validate(after);
            await Store.CommitAsync(new SandboxChangeSet([after], []), Token);
        }

        Publish("update", after.Id);
        return (before, after);
    }

    /// <summary>Deletes the record at <paramref name="index"/> (modulo the count); null when Zoho holds no record.</summary>
    public async Task<SandboxLead?> DeleteAsync(int index)
    {
        SandboxLead lead;
        using (await Store.BeginWriteAsync(Token))
        {
            var all = All();
            if (all.Count == 0)
            {
                return null;
            }

            lead = all[index % all.Count];
            await Store.CommitAsync(new SandboxChangeSet([], [new SandboxDeletedLead(lead.Id, lead.FullName, Clock.Now())]), Token);
        }

        Publish("delete", lead.Id);
        return lead;
    }

    private void Publish(string operation, long id)
    {
        if (notify)
        {
            Notifier.Publish(operation, [id]);
        }
    }

    private static void Validate(SandboxLead lead)
    {
        if (SandboxLeadValidator.Validate(lead) is { } error)
        {
            throw new InvalidOperationException($"Harness bug: the sandbox refuses {lead}: {error.Code} {error.Message}");
        }
    }

    private static LeadSync.Core.Zoho.ZohoLead ToZoho(SandboxLead lead) => new()
    {
        Id = lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FirstName = lead.FirstName,
        LastName = lead.LastName,
        Email = lead.Email,
        Phone = lead.Phone,
        LeadStatus = lead.LeadStatus,
        Company = lead.Company,
    };
}
