using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// The real app (engine, Zoho client, sandbox over loopback HTTP) with short sync intervals, plus the helpers the
/// sync tests share: import leads, pull and wait, look at the sandbox, poll for a condition.
/// </summary>
internal sealed class SyncTestApp : IAsyncDisposable
{
    private SyncTestApp(LeadSyncAppFactory factory)
    {
        Factory = factory;
        BaseUri = factory.Start();
    }

    public LeadSyncAppFactory Factory { get; }

    public Uri BaseUri { get; }

    public IServiceProvider Services => Factory.Services;

    public SyncService Sync => Services.GetRequiredService<SyncService>();

    public LeadCommands Commands => Services.GetRequiredService<LeadCommands>();

    public ZohoSandboxControl Sandbox => Services.GetRequiredService<ZohoSandboxControl>();

    public IDbContextFactory<LeadSyncDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fast test defaults: no scheduled pull (tests pull explicitly), a 200 ms sweep, short backoffs.</summary>
    public static LeadSyncAppFactory Configure(LeadSyncAppFactory factory) => factory
        .With("Sandbox:DataPath", Path.Combine(factory.DataDirectory, "zoho-sandbox.db"))
        .With("Sync:PullInterval", "00:00:00")
        .With("Sync:SweepInterval", "00:00:00.200")
        .With("Sync:RetryBaseDelay", "00:00:00.050")
        .With("Sync:RetryMaxDelay", "00:00:00.500")
        .With("Sync:AuthProbeInterval", "00:00:00.300")
        .With("Zoho:RetryBaseDelay", "00:00:00.020")
        .With("Zoho:RetryMaxDelay", "00:00:00.200")
        .With("Sandbox:TokenRequestsPer10Minutes", "100000");

    public static SyncTestApp Start(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null)
    {
        var factory = Configure(new LeadSyncAppFactory());
        return new SyncTestApp(configure is null ? factory : configure(factory));
    }

    public static SyncTestApp Start(LeadSyncAppFactory factory) => new(factory);

    public async Task<SyncRun> WaitAsync(Guid runId) => await Sync.WaitForRunAsync(runId, TimeSpan.FromSeconds(60), Token);

    public async Task<SyncRun> PullAsync() => await WaitAsync(await Sync.PullNowAsync(cancellationToken: Token));

    public Task<Lead> CreateAsync(string email, string lastName = "Tester", string? phone = null, string? company = "Acme") =>
        Commands.CreateAsync(new LeadFields("Ada", lastName, email, phone, "Not Contacted", company), cancellationToken: Token);

    /// <summary>Adds leads and their outbox entries in one transaction (an import), then nudges the push.</summary>
    public async Task<List<Guid>> ImportAsync(int count, string prefix, bool nudge = true)
    {
        var ids = new List<Guid>(count);
        await using (var db = await Contexts.CreateDbContextAsync(Token))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var lead = new Lead { CreatedAt = now, UpdatedAt = now, SyncState = SyncState.Pending };
                lead.Apply(new LeadFields("Imported", $"{prefix} {i}", $"{prefix}.{i}@import.example", null, "Not Contacted", "Import Co"));
                db.Leads.Add(lead);
                db.Add(new OutboxEntry
                {
                    LeadId = lead.Id, Operation = OutboxOperation.Upsert, Revision = 1, CreatedAt = now, UpdatedAt = now, NextAttemptAt = now, Trigger = ChangeSource.Bulk,
                });
                ids.Add(lead.Id);
            }

            await db.SaveChangesAsync(Token);
        }

        if (nudge)
        {
            Services.GetRequiredService<IPushScheduler>().SchedulePush();
        }

        return ids;
    }

    public async Task<Lead?> LeadAsync(Guid id)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, Token);
    }

    public async Task<Lead?> LeadByEmailAsync(string email)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        var normalized = Lead.NormalizeEmail(email);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.EmailNormalized == normalized, Token);
    }

    public async Task<T> QueryAsync<T>(Func<LeadSyncDbContext, Task<T>> query)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await query(db);
    }

    public Task<int> OutboxCountAsync() => QueryAsync(db => db.Set<OutboxEntry>().CountAsync(Token));

    public Task<List<SyncRun>> RunsAsync() => QueryAsync(db => db.Set<SyncRun>().AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync(Token));

    /// <summary>The sandbox's leads with exactly this email (Zoho allows duplicates, so there may be several).</summary>
    public IReadOnlyList<SandboxLead> ZohoByEmail(string email) =>
        Sandbox.Leads.Store.Search(email, 0, 1000).Items.Where(l => string.Equals(l.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();

    public SandboxLead ZohoSingle(string email) => Assert.Single(ZohoByEmail(email));

    /// <summary>Edits a lead in the sandbox as a person in Zoho's UI would.</summary>
    public async Task ZohoEditAsync(string email, Action<SandboxLeadInput> edit)
    {
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

    public long ZohoNextId()
    {
        return Sandbox.Leads.Store.NextId();
    }

    public static DateTimeOffset Second(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Polls until <paramref name="condition"/> holds (never a fixed sleep); fails with <paramref name="what"/> on timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting until {what}.");
            }

            await Task.Delay(50, Token);
        }
    }

    public Task WaitSyncedAsync(Guid leadId) =>
        EventuallyAsync(async () => (await LeadAsync(leadId))?.SyncState == SyncState.Synced && await OutboxCountAsync() == 0, $"lead {leadId} is Synced");

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
