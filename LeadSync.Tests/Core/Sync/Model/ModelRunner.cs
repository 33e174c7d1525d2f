using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Webhooks;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// Runs one <see cref="ModelSequence"/> against the real engine and sandbox of a <see cref="ModelHost"/>, recording
/// every write in a <see cref="ModelLog"/>; then brings the system to quiescence (faults off, then pull and drain until
/// a pull changes nothing and the outbox holds nothing it could send) and checks the invariants
/// (<see cref="ModelChecker"/>). Throws with the trace and the violations when one breaks.
/// </summary>
internal sealed class ModelRunner(ModelHost host, ModelSequence sequence)
{
    private static readonly TimeSpan QuiescenceLimit = TimeSpan.FromSeconds(45);

    private const string OutboxBusy = "the outbox holds entries to send";

    private readonly ModelLog log = new();

    private LeadSyncAppFactory App => host.App;

    private ZohoUser Zoho => new(App.Services, sequence.Webhooks);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ModelLog Log => log;

    /// <summary>True once the end's quiescence was reached: the app is idle and can run the next sequence even if an invariant broke.</summary>
    public bool Quiescent { get; private set; }

    /// <summary>Time spent setting up, running the operations, and reaching quiescence at the end (for the soak's report).</summary>
    public (TimeSpan Setup, TimeSpan Ops, TimeSpan End) Timings { get; private set; }

    public async Task RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await SetupAsync();
        var setup = Stopwatch.GetElapsedTime(started);
        for (var i = 0; i < sequence.Ops.Count; i++)
        {
            await ExecuteAsync(i + 1, sequence.Ops[i]);
        }

        var ops = Stopwatch.GetElapsedTime(started) - setup;
        await QuiesceAsync("end");
        Quiescent = true;
        Timings = (setup, ops, Stopwatch.GetElapsedTime(started) - setup - ops);
        var violations = await CheckAsync();
        if (violations.Count > 0)
        {
            throw new ModelViolationException(await ReportAsync(violations));
        }
    }

    private async Task SetupAsync()
    {
        for (var i = 0; i < sequence.SyncedLocal; i++)
        {
            var fields = ModelValues.NewLead(i, log.NextNumber);
            var at = DateTimeOffset.UtcNow;
            var lead = await App.Commands.CreateAsync(fields, cancellationToken: Token);
            log.Created(ModelSide.Local, ModelLog.LocalKey(lead.Id), fields, at);
            log.Note($"setup: local creates {log.Label(ModelLog.LocalKey(lead.Id))} {Show(fields)}");
        }

        for (var i = 0; i < sequence.SyncedZoho; i++)
        {
            var fields = ModelValues.NewLead(i + 2, log.NextNumber);
            var at = DateTimeOffset.UtcNow;
            var record = await Zoho.CreateAsync(fields);
            log.Created(ModelSide.Zoho, ModelLog.ZohoKey(record.Id), fields, at);
            log.Note($"setup: Zoho creates {log.Label(ModelLog.ZohoKey(record.Id))} {Show(fields)}");
        }

        if (sequence.SyncedLocal + sequence.SyncedZoho > 0)
        {
            // Push the local leads, pull the Zoho ones, push nothing more: both sides agree before the operations.
            var limit = TimeSpan.FromSeconds(30);
            var failure = !await WaitIdleAsync(limit) ? "the first push did not finish within 30 s"
                : (await WaitRunAsync(await App.Sync.PullNowAsync(cancellationToken: Token), limit)).Error is { } error ? "the pull failed: " + error
                : !await WaitIdleAsync(limit) ? "the engine was not idle 30 s after the pull"
                : null;
            if (failure is not null)
            {
                throw new ModelViolationException(await ReportAsync([$"The setup did not sync ({failure}): {await BusyAsync()}"]));
            }

            log.Note("setup synced");
        }
    }

    private async Task ExecuteAsync(int step, ModelOp op)
    {
        var prefix = $"{step}. {op}";
        switch (op.Kind)
        {
            case ModelOpKind.LocalCreate:
                await LocalCreateAsync(prefix, op);
                break;
            case ModelOpKind.LocalEdit:
                await LocalEditAsync(prefix, op, (before, _) => ModelValues.FieldsOf(op.Fields)
                    .Aggregate(before, (f, field) => f.With(field, ModelValues.Make(field, op.Word, log.NextNumber()))));
                break;
            case ModelOpKind.LocalEmailCase:
                await LocalEditAsync(prefix, op, (before, _) => before with { Email = ModelValues.CaseVariant(before.Email, v => log.IsUsed("Email", v)) });
                break;
            case ModelOpKind.LocalDelete:
                await LocalDeleteAsync(prefix, op);
                break;
            case ModelOpKind.BulkPush:
                var filter = op.Word == 0 ? LeadFilter.All : new LeadFilter { Search = ModelValues.SearchWord(op.Word) };
                await App.Sync.PushAsync(filter, SyncTrigger.Bulk, Token);
                log.Note(prefix);
                break;
            case ModelOpKind.ZohoCreate:
                var fields = ModelValues.NewLead(op.Word, log.NextNumber);
                var at = DateTimeOffset.UtcNow;
                var record = await Zoho.CreateAsync(fields);
                log.Created(ModelSide.Zoho, ModelLog.ZohoKey(record.Id), fields, at);
                log.Note($"{prefix}: {log.Label(ModelLog.ZohoKey(record.Id))} {Show(fields)}");
                break;
            case ModelOpKind.ZohoEdit:
                await ZohoEditAsync(prefix, op, before => ModelValues.FieldsOf(op.Fields)
                    .Aggregate(before, (f, field) => f.With(field, ModelValues.Make(field, op.Word, log.NextNumber()))));
                break;
            case ModelOpKind.ZohoEmailCase:
                await ZohoEditAsync(prefix, op, before => before with { Email = ModelValues.CaseVariant(before.Email, v => log.IsUsed("Email", v)) });
                break;
            case ModelOpKind.ZohoDelete:
                var gone = await Zoho.DeleteAsync(op.Target);
                if (gone is null)
                {
                    log.Note($"{prefix}: Zoho holds no record, skipped");
                    break;
                }

                var key = ModelLog.ZohoKey(gone.Id);
                log.Observe(key, ZohoUser.FieldsOf(gone), null, $"step {step}");
                log.Deleted(ModelSide.Zoho, key, ZohoUser.FieldsOf(gone));
                log.Note($"{prefix}: deleted {log.Label(key)} ({gone.Email})");
                break;
            case ModelOpKind.Pull:
                var run = await WaitRunAsync(await App.Sync.PullNowAsync(cancellationToken: Token), TimeSpan.FromSeconds(30));
                log.Note($"{prefix}: created {run.Created}, updated {run.Updated}, deleted {run.Deleted}, conflicts {run.Conflicts}, failed {run.Failed}{(run.Error is null ? "" : ", error: " + run.Error)}");
                break;
            case ModelOpKind.Drain:
                await DrainAsync();
                var drained = !await HasSendableOutboxAsync();
                log.Note($"{prefix}: {(drained ? "outbox drained" : "entries still queued (backoff or in flight)")}");
                break;
            case ModelOpKind.Settle:
                var idle = await WaitIdleAsync(TimeSpan.FromSeconds(3));
                log.Note($"{prefix}: {(idle ? "idle" : "still busy after 3 s")}");
                break;
            case ModelOpKind.Faults:
                App.Sandbox.Faults.Apply(ModelFaults.Patch(op.Word));
                log.Note(prefix);
                break;
            case ModelOpKind.FaultsOff:
                App.Sandbox.Faults.Apply(ModelFaults.Off);
                log.Note(prefix);
                break;
            case ModelOpKind.ExpireTokens:
                await App.Sandbox.ExpireAccessTokensAsync(Token);
                log.Note(prefix);
                break;
            case ModelOpKind.Restart:
                await host.RestartAsync();
                log.Note($"{prefix} (the sandbox's fault settings start over: off)");
                break;
            default:
                throw new InvalidOperationException($"Unknown operation {op.Kind}.");
        }
    }

    private async Task LocalCreateAsync(string prefix, ModelOp op)
    {
        var fields = ModelValues.NewLead(op.Word, log.NextNumber);
        var at = DateTimeOffset.UtcNow;
        Guid id;
        if (op.ViaApi)
        {
            using var response = await host.Api.PostAsJsonAsync("api/leads", Body(fields, null), Token);
            await EnsureAsync(response, HttpStatusCode.Created);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        }
        else
        {
            id = (await App.Commands.CreateAsync(fields, cancellationToken: Token)).Id;
        }

        log.Created(ModelSide.Local, ModelLog.LocalKey(id), fields, at);
        log.Note($"{prefix}: {log.Label(ModelLog.LocalKey(id))} {Show(fields)}");
    }

    /// <summary>Reads the lead, changes it, and saves it only if nobody changed it since the read (version check; re-read on a clash).</summary>
    private async Task LocalEditAsync(string prefix, ModelOp op, Func<LeadFields, Lead, LeadFields> edit)
    {
        for (var attempt = 1; attempt <= 50; attempt++)
        {
            var leads = await LocalLeadsAsync();
            if (leads.Count == 0)
            {
                log.Note($"{prefix}: no local lead, skipped");
                return;
            }

            var lead = leads[op.Target % leads.Count];
            var key = ModelLog.LocalKey(lead.Id);
            log.Observe(key, lead.Fields, ModelLog.ZohoKey(lead.ZohoId), prefix);
            var before = lead.Fields;
            var after = edit(before, lead);
            var at = DateTimeOffset.UtcNow;
            if (op.ViaApi)
            {
                using var response = await host.Api.PutAsJsonAsync($"api/leads/{lead.Id}", Body(after, lead.Version), Token);
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    log.Note($"{prefix}: {log.Label(key)} was deleted meanwhile, skipped");
                    return;
                }

                await EnsureAsync(response, HttpStatusCode.OK);
            }
            else
            {
                try
                {
                    await App.Commands.UpdateAsync(lead.Id, after, lead.Version, cancellationToken: Token);
                }
                catch (LeadConcurrencyException)
                {
                    continue;
                }
                catch (LeadNotFoundException)
                {
                    log.Note($"{prefix}: {log.Label(key)} was deleted meanwhile, skipped");
                    return;
                }
            }

            log.Edited(ModelSide.Local, key, before, after, at);
            log.Note($"{prefix}: {log.Label(key)} {Changes(before, after)}");
            return;
        }

        throw new InvalidOperationException($"{prefix}: the lead kept changing under 50 attempts to edit it.");
    }

    private async Task LocalDeleteAsync(string prefix, ModelOp op)
    {
        var leads = await LocalLeadsAsync();
        if (leads.Count == 0)
        {
            log.Note($"{prefix}: no local lead, skipped");
            return;
        }

        var lead = leads[op.Target % leads.Count];
        var key = ModelLog.LocalKey(lead.Id);
        log.Observe(key, lead.Fields, ModelLog.ZohoKey(lead.ZohoId), prefix);
        if (op.ViaApi)
        {
            using var response = await host.Api.DeleteAsync(new Uri($"api/leads/{lead.Id}", UriKind.Relative), Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                log.Note($"{prefix}: {log.Label(key)} was deleted meanwhile, skipped");
                return;
            }

            await EnsureAsync(response, HttpStatusCode.NoContent);
        }
        else
        {
            try
            {
                await App.Commands.DeleteAsync(lead.Id, cancellationToken: Token);
            }
            catch (LeadNotFoundException)
            {
                log.Note($"{prefix}: {log.Label(key)} was deleted meanwhile, skipped");
                return;
            }
        }

        log.Deleted(ModelSide.Local, key, lead.Fields);
        log.Note($"{prefix}: deleted {log.Label(key)} ({lead.Email}, {lead.SyncState}, Zoho id {lead.ZohoId ?? "none"})");
    }

    private async Task ZohoEditAsync(string prefix, ModelOp op, Func<LeadFields, LeadFields> edit)
    {
        var at = DateTimeOffset.UtcNow;
        LeadFields? before = null;
        var done = await Zoho.EditAsync(op.Target, record =>
        {
            before = ZohoUser.FieldsOf(record);
            return edit(before);
        });
        if (done is not { } result)
        {
            log.Note($"{prefix}: Zoho holds no record, skipped");
            return;
        }

        var key = ModelLog.ZohoKey(result.Before.Id);
        log.Observe(key, before!, null, prefix);
        var after = ZohoUser.FieldsOf(result.After);
        log.Edited(ModelSide.Zoho, key, before!, after, at);
        log.Note($"{prefix}: {log.Label(key)} {Changes(before!, after)}");
    }

    /// <summary>Faults off; then until a pull changes nothing: wait for idle, pull, wait for idle. Fails after <see cref="QuiescenceLimit"/>.</summary>
    private async Task QuiesceAsync(string when)
    {
        App.Sandbox.Faults.Apply(ModelFaults.Off);
        var started = Stopwatch.GetTimestamp();
        string? last = null;
        for (var round = 1; ; round++)
        {
            var left = QuiescenceLimit - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || !await WaitIdleAsync(left))
            {
                throw new ModelViolationException(await ReportAsync([$"No quiescence at the {when} after {QuiescenceLimit.TotalSeconds:0} s: {await BusyAsync()}"]));
            }

            var before = await SnapshotAsync();
            var run = await WaitRunAsync(await App.Sync.PullNowAsync(cancellationToken: Token), QuiescenceLimit);
            if (!await WaitIdleAsync(QuiescenceLimit - Stopwatch.GetElapsedTime(started)))
            {
                throw new ModelViolationException(await ReportAsync([$"No quiescence at the {when} after {QuiescenceLimit.TotalSeconds:0} s: {await BusyAsync()}"]));
            }

            var after = await SnapshotAsync();
            var changed = run.Created + run.Updated + run.Deleted + run.Conflicts + run.Failed;
            if (string.Equals(before, after, StringComparison.Ordinal) && changed == 0 && run.Error is null)
            {
                log.Note($"quiescent at the {when} after {round} pull(s)");
                return;
            }

            if (round >= 10)
            {
                throw new ModelViolationException(await ReportAsync([
                    $"The sync never settles at the {when}: 10 pulls in a row changed something (last run: created {run.Created}, updated {run.Updated}, deleted {run.Deleted}, conflicts {run.Conflicts}, failed {run.Failed}, error {run.Error ?? "none"}).\nstate before:\n{before}\nstate after:\n{after}\nprevious:\n{last}"]));
            }

            last = after;
        }
    }

    private async Task<List<string>> CheckAsync()
    {
        var locals = await LocalLeadsAsync();
        var conflicts = await App.QueryAsync(db => db.Set<SyncConflict>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(Token));
        var pullErrors = await App.QueryAsync(db => db.Set<PullError>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token));
        return new ModelChecker(log, sequence.Policy, locals, Zoho.All(), conflicts, pullErrors).Check();
    }

    private async Task<string> ReportAsync(IReadOnlyList<string> violations)
    {
        var text = new StringBuilder();
        text.Append("Invariants broken:\n");
        foreach (var violation in violations)
        {
            text.Append("  - ").Append(violation).Append('\n');
        }

        text.Append("Sequence: ").Append(sequence).Append("\nWhat ran:\n");
        foreach (var line in log.Trace)
        {
            text.Append("  ").Append(line).Append('\n');
        }

        text.Append("Final state:\n");
        try
        {
            text.Append(await DescribeStateAsync());
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or ObjectDisposedException)
        {
            text.Append("  (could not be read: ").Append(ex.Message).Append(")\n");
        }

        return text.ToString();
    }

    private async Task<string> DescribeStateAsync()
    {
        var text = new StringBuilder();
        foreach (var lead in await LocalLeadsAsync())
        {
            var key = ModelLog.LocalKey(lead.Id);
            text.Append($"  local {log.Label(key)}: {Show(lead.Fields)} {lead.SyncState}, Zoho id {(lead.ZohoId is null ? "none" : log.Label(ModelLog.ZohoKey(lead.ZohoId)!))}")
                .Append(lead.LastError is { } e ? $", error {e.Code}: {e.Message}" : "").Append('\n');
        }

        foreach (var record in Zoho.All())
        {
            text.Append($"  Zoho {log.Label(ModelLog.ZohoKey(record.Id))}: {Show(ZohoUser.FieldsOf(record))} modified {record.ModifiedTime:HH:mm:ss}\n");
        }

        var conflicts = await App.QueryAsync(db => db.Set<SyncConflict>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(Token));
        foreach (var c in conflicts)
        {
            text.Append($"  conflict on {log.Label(ModelLog.LocalKey(c.LeadId))}.{c.Field}: base '{c.AgreedValue}', local '{c.LocalValue}', Zoho '{c.ZohoValue}' → {c.Resolution} ({c.Policy})\n");
        }

        var errors = await App.QueryAsync(db => db.Set<PullError>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token));
        foreach (var e in errors)
        {
            text.Append($"  pull error for {log.Label(ModelLog.ZohoKey(e.ZohoId)!)}: {e.Code} {e.Message}\n");
        }

        var outbox = await App.QueryAsync(db => db.Set<OutboxEntry>().AsNoTracking().ToListAsync(Token));
        foreach (var e in outbox)
        {
            text.Append($"  outbox: {e.Operation} {log.Label(ModelLog.LocalKey(e.LeadId))} attempts {e.Attempts}{(e.DeadLettered ? " dead-lettered" : "")} {e.LastErrorCode}\n");
        }

        return text.ToString();
    }

    private Task<List<Lead>> LocalLeadsAsync() => App.QueryAsync(db => db.Leads.AsNoTracking().OrderBy(l => l.Id).ToListAsync(Token));

    private Task<bool> HasSendableOutboxAsync() => App.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(
        e => !e.DeadLettered && !db.Leads.Any(l => l.Id == e.LeadId && l.SyncState == SyncState.Conflict), Token));

    /// <summary>Why the system is not idle, or null: a run of this instance unfinished, a sendable outbox entry, a watch callback or notification not yet handled.</summary>
    private async Task<string?> BusyAsync()
    {
        var instance = App.Services.GetRequiredService<SyncInstance>().Id;
        if (await App.QueryAsync(db => db.Set<SyncRun>().AnyAsync(r => r.FinishedAt == null && r.InstanceId == instance, Token)))
        {
            return "a sync run is unfinished";
        }

        if (await HasSendableOutboxAsync())
        {
            return OutboxBusy;
        }

        if (HasItems(App.Services.GetRequiredService<SandboxNotifier>().Pending))
        {
            return "the sandbox has watch callbacks to deliver";
        }

        return HasItems(App.Services.GetRequiredService<WebhookNotificationInbox>().Reader) ? "notifications wait to be pulled" : null;
    }

    private static bool HasItems<T>(System.Threading.Channels.ChannelReader<T> reader) =>
        reader.CanCount ? reader.Count > 0 : reader.CanPeek && reader.TryPeek(out _);

    /// <summary>
    /// True once nothing is busy in three looks in a row (about 20 ms), false after <paramref name="limit"/>. While the
    /// outbox holds entries it drains them as a nudge would (the app's own nudge and sweep run at most once a second).
    /// </summary>
    private async Task<bool> WaitIdleAsync(TimeSpan limit)
    {
        var quiet = 0;
        return await WaitAsync(async () =>
        {
            var busy = await BusyAsync();
            if (ReferenceEquals(busy, OutboxBusy))
            {
                await DrainAsync();
            }

            quiet = busy is null ? quiet + 1 : 0;
            return quiet >= 3;
        }, limit);
    }

    /// <summary>Drains what is due now, as the job a nudge queues does (<see cref="OutboxProcessor.DrainCoalescedAsync"/>).</summary>
    private Task DrainAsync() => App.Services.GetRequiredService<OutboxProcessor>().DrainCoalescedAsync(SyncTrigger.Manual, Token);

    /// <summary>Polls every 5 ms (these waits are on the sequence's critical path); a timeout is reported as a violation by the caller.</summary>
    private static Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan limit) =>
        Eventually.WithinAsync(condition, limit, interval: TimeSpan.FromMilliseconds(5));

    private async Task<SyncRun> WaitRunAsync(Guid runId, TimeSpan limit)
    {
        SyncRun? run = null;
        if (!await WaitAsync(async () =>
            {
                run = await App.QueryAsync(db => db.Set<SyncRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, Token));
                return run?.FinishedAt is not null;
            }, limit))
        {
            throw new ModelViolationException(await ReportAsync([$"Run {runId} did not finish within {limit.TotalSeconds:0} s."]));
        }

        return run!;
    }

    private async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        foreach (var lead in await LocalLeadsAsync())
        {
            text.Append($"L {lead.Id} {Show(lead.Fields)} {lead.SyncState} {lead.ZohoId}\n");
        }

        foreach (var record in Zoho.All())
        {
            text.Append($"Z {record.Id} {Show(ZohoUser.FieldsOf(record))} {record.ModifiedTime:O}\n");
        }

        return text.ToString();
    }

    private static object Body(LeadFields fields, long? version) => new
    {
        firstName = fields.FirstName, lastName = fields.LastName, email = fields.Email, phone = fields.Phone,
        status = fields.Status, company = fields.Company, version,
    };

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"The REST API answered {(int)response.StatusCode} (expected {(int)expected}): {await response.Content.ReadAsStringAsync(Token)}");
        }
    }

    public static string Show(LeadFields fields) =>
        $"[{fields.FirstName} | {fields.LastName} | {fields.Email} | {fields.Phone} | {fields.Status} | {fields.Company}]";

    private static string Changes(LeadFields before, LeadFields after) => string.Join(", ", ModelValues.Fields
        .Where(f => !string.Equals(before.Get(f), after.Get(f), StringComparison.Ordinal))
        .Select(f => $"{f} '{before.Get(f)}' → '{after.Get(f)}'"));
}
