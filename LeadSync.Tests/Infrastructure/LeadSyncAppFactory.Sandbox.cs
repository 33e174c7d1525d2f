using LeadSync.Core.Zoho;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Zoho's side, as the app's built-in sandbox holds it: its leads looked up, edited as a person in Zoho would, or
/// written straight into its store; its faults, credentials and watch channels.
/// </summary>
public partial class LeadSyncAppFactory
{
    internal ZohoSandboxControl Sandbox => Services.GetRequiredService<ZohoSandboxControl>();

    /// <summary>The watch channels the sandbox keeps (what Zoho would call back).</summary>
    public SandboxWatchRegistry Watches => Services.GetRequiredService<SandboxWatchRegistry>();

    /// <summary>The credentials the app's built-in sandbox accepts (generated on its first start unless configured).</summary>
    public async Task<ZohoClientCredentials> SandboxCredentialsAsync()
    {
        Start();
        return await Services.GetRequiredService<SandboxCredentialStore>().GetAsync(Token);
    }

    /// <summary>The sandbox's Bulk Read and Write jobs, oldest first (docs/zoho §6): what a client created, in which state.</summary>
    internal IReadOnlyList<SandboxBulkJob> ZohoBulkJobs() => Services.GetRequiredService<SandboxBulkJobs>().All();

    /// <summary>Applies a sandbox fault patch.</summary>
    public void Faults(SandboxFaultPatch patch) => Sandbox.Faults.Apply(patch);

    /// <summary>The sandbox's leads with exactly this email (Zoho allows duplicates, so there may be several).</summary>
    public IReadOnlyList<SandboxLead> ZohoByEmail(string email) =>
        Sandbox.Leads.Store.Search(email, 0, 1000).Items.Where(l => string.Equals(l.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();

    public SandboxLead ZohoSingle(string email) => Assert.Single(ZohoByEmail(email));

    /// <summary>Edits a lead in the sandbox as a person in Zoho's UI would.</summary>
    public async Task ZohoEditAsync(string email, Action<SandboxLeadInput> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var lead = ZohoSingle(email);
        var input = SandboxLeadInput.From(lead);
        edit(input);
        var result = await Sandbox.Leads.EditAsync(lead.Id, input, Token);
        Assert.Null(result.Error);
    }

    /// <summary>
    /// Writes leads straight into the sandbox's store with chosen Modified_Time values (as an import or a workflow
    /// would), <paramref name="perSecond"/> per second from <paramref name="start"/>.
    /// </summary>
    public async Task<List<SandboxLead>> ZohoSeedAsync(int count, string prefix, DateTimeOffset start, int perSecond = 100)
    {
        var store = Sandbox.Leads.Store;
        var leads = new List<SandboxLead>(count);
        using (await store.BeginWriteAsync(Token))
        {
            for (var i = 0; i < count; i++)
            {
                var time = Second(start).AddSeconds(i / perSecond);
                leads.Add(new SandboxLead(store.NextId(), "Zed", $"{prefix} {i}", $"{prefix}.{i}@zoho.example", null, "Not Contacted", "Zoho Co", time, time));
            }

            await store.CommitAsync(new SandboxChangeSet(leads, []), Token);
        }

        return leads;
    }

    /// <summary>Saves one sandbox lead exactly as given (including its Modified_Time).</summary>
    public async Task ZohoPutAsync(SandboxLead lead)
    {
        var store = Sandbox.Leads.Store;
        using (await store.BeginWriteAsync(Token))
        {
            await store.CommitAsync(new SandboxChangeSet([lead], []), Token);
        }
    }

    /// <summary>Saves sandbox leads exactly as given (including their Modified_Time), in one commit.</summary>
    public async Task ZohoPutManyAsync(IReadOnlyList<SandboxLead> leads)
    {
        var store = Sandbox.Leads.Store;
        using (await store.BeginWriteAsync(Token))
        {
            await store.CommitAsync(new SandboxChangeSet(leads, []), Token);
        }
    }

    public long ZohoNextId()
    {
        return Sandbox.Leads.Store.NextId();
    }

    /// <summary>The time cut to whole seconds, as Zoho's Modified_Time is.</summary>
    public static DateTimeOffset Second(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
