using System.Text;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer.Import;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Leads.Transfer.Import;

/// <summary>CSV import jobs on a real database (SQLite and PostgreSQL subclasses): policies, duplicates, cancel, resume, refusals.</summary>
public abstract class LeadImportJobsTests(TestDatabase database)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly ImportMapping Standard = new([LeadImportField.FirstName, LeadImportField.LastName, LeadImportField.Email, LeadImportField.Company]);

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes("First name,Last name,Email,Company\r\n" + string.Join("\r\n", rows) + "\r\n");

    private static byte[] BigCsv(string tag, int count) =>
        Csv([.. Enumerable.Range(0, count).Select(i => $"Ada,Lovelace {i},{tag}.{i}@example.com,Engines {tag}")]);

    private static async Task<ImportJob> RunAsync(ImportHarness harness, byte[] content, ExistingEmailPolicy policy = ExistingEmailPolicy.Fail, ImportMapping? mapping = null)
    {
        var id = await harness.Jobs.StartAsync(new ImportRequest(content, "leads.csv", mapping ?? Standard, policy, "admin@example.com"), Token);
        await harness.IdleAsync();
        return (await harness.Jobs.GetAsync(id, Token))!;
    }

    private async Task<List<Lead>> LeadsAsync(string tag)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        return await db.Leads.AsNoTracking().Where(l => l.EmailNormalized.StartsWith(tag + ".")).OrderBy(l => l.EmailNormalized).ToListAsync(Token);
    }

    private async Task<Lead> SeedAsync(string email)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var lead = LeadSyncTransitions.NewLocal(new LeadFields("Old", "Existing", email, "+1 555 0100", "Contacted", "Old Co"), DateTimeOffset.UtcNow);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(Token);
        return lead;
    }

    [Fact]
    public async Task Every_row_becomes_a_pending_lead_with_one_import_outbox_entry()
    {
        var tag = Tag();
        var harness = new ImportHarness(database.Contexts);

        var job = await RunAsync(harness, Csv(
            $"Ada,Lovelace,{tag}.1@example.com,\"Engines, Ltd\"", $"Zoë,\"O'Brien\",{tag}.2@example.com,'=SUM(A1)", $"Cy,\"Multi\nLine\",{tag}.3@example.com,X"));

        Assert.Equal((ImportJobState.Completed, 3, 3, 2, 0, 0, 1), (job.State, job.TotalRows, job.ProcessedRows, job.Created, job.Updated, job.Skipped, job.Refused));
        var leads = await LeadsAsync(tag);
        Assert.Equal(["Engines, Ltd", "=SUM(A1)"], leads.Select(l => l.Company));
        Assert.Equal("O'Brien", leads[1].LastName);
        Assert.Equal(4, Assert.Single(await RefusalsAsync(job.Id)).RowNumber); // a line break is a control character to Zoho
        Assert.All(leads, l => Assert.Equal(SyncState.Pending, l.SyncState));
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var ids = leads.Select(l => l.Id).ToList();
        var entries = await db.Set<OutboxEntry>().Where(e => ids.Contains(e.LeadId)).ToListAsync(Token);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((OutboxOperation.Upsert, ChangeSource.Import, 1), (e.Operation, e.Trigger, e.Revision)));
        Assert.True(harness.Pushes.Count >= 1);
        Assert.False(await db.Set<ImportJobFile>().AnyAsync(f => f.JobId == job.Id, Token)); // the upload is dropped at the end
    }

    [Fact]
    public async Task A_utf16_semicolon_file_with_an_excel_hint_imports_like_any_other()
    {
        var tag = Tag();
        var text = $"sep=;\r\nE-mail;Surname;Organisation\r\n{tag}.1@example.com;Müller;\"A; B\"\r\n";
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        var mapping = ImportMappingGuess.Guess(ImportCsvReader.ReadHeader(content));

        var job = await RunAsync(new ImportHarness(database.Contexts), content, mapping: mapping);

        Assert.Equal((ImportJobState.Completed, 1), (job.State, job.Created));
        var lead = Assert.Single(await LeadsAsync(tag));
        Assert.Equal(("Müller", "A; B"), (lead.LastName, lead.Company));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_before_anything_is_stored()
    {
        var tag = Tag();
        var harness = new ImportHarness(database.Contexts);
        var content = Csv($"Ada,Lovelace,{tag}.1@example.com,Ok", $"Bad,\"Unclosed,{tag}.2@example.com,x");

        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            harness.Jobs.StartAsync(new ImportRequest(content, $"{tag}.csv", Standard, ExistingEmailPolicy.Fail, "admin"), Token));

        Assert.Equal(3, error.RowNumber);
        Assert.Empty(await LeadsAsync(tag));
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.False(await db.Set<ImportJob>().AnyAsync(j => j.FileName == $"{tag}.csv", Token));
    }

    [Fact]
    public async Task A_header_without_rows_is_refused()
    {
        var harness = new ImportHarness(database.Contexts);

        var error = await Assert.ThrowsAsync<ImportFileException>(() => harness.Jobs.StartAsync(
            new ImportRequest(Encoding.UTF8.GetBytes("Email,Last name\r\n"), "x.csv", new ImportMapping([LeadImportField.Email, LeadImportField.LastName]), ExistingEmailPolicy.Fail, "admin"), Token));

        Assert.Contains("no rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_mapping_is_refused_before_anything_is_stored()
    {
        var harness = new ImportHarness(database.Contexts);

        var error = await Assert.ThrowsAsync<ImportMappingException>(() => harness.Jobs.StartAsync(
            new ImportRequest(Csv("a,b,c@x.com,d"), "x.csv", new ImportMapping([null, LeadImportField.LastName, null, null]), ExistingEmailPolicy.Fail, "admin"), Token));

        Assert.Contains(error.Errors, e => e.Contains("Email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_later_row_with_an_email_already_in_the_file_is_refused_naming_the_earlier_row()
    {
        var tag = Tag();

        var job = await RunAsync(new ImportHarness(database.Contexts), Csv(
            $"Ada,Lovelace,{tag}.1@example.com,A",
            $"Bad,,{tag}.2@example.com,B",
            $"Ada,Again,{tag}.1@EXAMPLE.com,C",
            $"Bob,Valid,{tag}.2@example.com,D"));

        Assert.Equal((2, 2), (job.Created, job.Refused));
        Assert.Equal(["Lovelace", "Valid"], (await LeadsAsync(tag)).Select(l => l.LastName));
        var refusals = await RefusalsAsync(job.Id);
        Assert.Equal([3, 4], refusals.Select(r => r.RowNumber));
        Assert.Contains("Last name", refusals[0].Reason, StringComparison.Ordinal);
        Assert.Contains("row 2 of this file", refusals[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_email_with_update_puts_the_mapped_columns_over_the_lead()
    {
        var tag = Tag();
        var existing = await SeedAsync($"{tag}.1@example.com");

        var job = await RunAsync(new ImportHarness(database.Contexts), Csv($"Ada,Lovelace,{tag}.1@Example.com,New Co"), ExistingEmailPolicy.Update);

        Assert.Equal((1, 0), (job.Updated, job.Created));
        var lead = Assert.Single(await LeadsAsync(tag));
        Assert.Equal(existing.Id, lead.Id);
        Assert.Equal(("Ada", "Lovelace", $"{tag}.1@Example.com", "New Co"), (lead.FirstName, lead.LastName, lead.Email, lead.Company));
        Assert.Equal(("+1 555 0100", "Contacted"), (lead.Phone, lead.Status)); // not mapped: kept
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(ChangeSource.Import, (await db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == lead.Id, Token)).Trigger);
    }

    [Fact]
    public async Task Existing_email_with_skip_leaves_the_lead_and_counts_the_row()
    {
        var tag = Tag();
        await SeedAsync($"{tag}.1@example.com");

        var job = await RunAsync(new ImportHarness(database.Contexts), Csv($"Ada,Lovelace,{tag}.1@example.com,New Co", $"Bob,New,{tag}.2@example.com,X"), ExistingEmailPolicy.Skip);

        Assert.Equal((1, 1, 0, 0), (job.Created, job.Skipped, job.Updated, job.Refused));
        Assert.Equal(["Existing", "New"], (await LeadsAsync(tag)).Select(l => l.LastName));
    }

    [Fact]
    public async Task Existing_email_with_fail_refuses_the_row()
    {
        var tag = Tag();
        await SeedAsync($"{tag}.1@example.com");

        var job = await RunAsync(new ImportHarness(database.Contexts), Csv($"Ada,Lovelace,{tag}.1@example.com,New Co"), ExistingEmailPolicy.Fail);

        Assert.Equal((0, 1), (job.Created, job.Refused));
        Assert.Contains("exists already", Assert.Single(await RefusalsAsync(job.Id)).Reason, StringComparison.Ordinal);
        Assert.Equal("Existing", Assert.Single(await LeadsAsync(tag)).LastName);
    }

    [Fact]
    public async Task The_preview_shows_cell_failures_duplicates_and_existing_emails_without_writing()
    {
        var tag = Tag();
        await SeedAsync($"{tag}.1@example.com");
        var content = Csv($"Ada,Lovelace,{tag}.1@example.com,A", $"Bob,,not-an-email,B", $"Cy,Ok,{tag}.3@example.com,C", $"Di,Dup,{tag}.3@example.com,D");

        var preview = await new ImportHarness(database.Contexts).Preview.PreviewAsync(content, Standard, ExistingEmailPolicy.Skip, 3, Token);

        Assert.Equal(3, preview.Rows.Count);
        Assert.Equal([ImportRowAction.Skip, ImportRowAction.Refuse, ImportRowAction.Create], preview.Rows.Select(r => r.Action));
        Assert.Contains("skipped", Assert.Single(preview.Rows[0].Problems), StringComparison.Ordinal);
        Assert.Equal(["LastName", "Email"], preview.Rows[1].Cells.SelectMany(c => c.Failures).Select(f => f.Field));
        Assert.Single(await LeadsAsync(tag));
    }

    [Fact]
    public async Task Cancel_after_the_first_batch_stops_with_the_committed_rows_counted()
    {
        var tag = Tag();
        var harness = new ImportHarness(database.Contexts);
        harness.Events.OnLeadsChanged = batch =>
        {
            if (batch == 1)
            {
                using var db = database.Contexts.CreateDbContext();
                db.Set<ImportJob>().Where(j => j.FileName == "leads.csv" && j.State == ImportJobState.Running && j.RunnerInstance!.StartsWith("import-test/"))
                    .ExecuteUpdate(s => s.SetProperty(j => j.CancelRequested, true));
            }
        };

        var job = await RunAsync(harness, BigCsv(tag, 3 * ImportJobRunner.BatchSize));

        Assert.Equal(ImportJobState.Cancelled, job.State);
        Assert.Equal((ImportJobRunner.BatchSize, ImportJobRunner.BatchSize), (job.ProcessedRows, job.Created));
        Assert.Equal(job.Created, (await LeadsAsync(tag)).Count);
        Assert.False(await harness.Jobs.CancelAsync(job.Id, Token)); // ended already
    }

    [Fact]
    public async Task A_job_left_running_by_a_stopped_process_is_resumed_without_creating_a_lead_twice()
    {
        var tag = Tag();
        var first = new ImportHarness(database.Contexts, "import-first");
        first.Events.OnLeadsChanged = batch =>
        {
            if (batch == 1)
            {
                first.Stop();
            }
        };
        var total = 3 * ImportJobRunner.BatchSize;
        var content = BigCsv(tag, total - 1).Concat(Encoding.UTF8.GetBytes($"Ada,Twice,{tag}.0@example.com,dup\r\n")).ToArray();
        var stopped = await RunAsync(first, content);
        Assert.Equal((ImportJobState.Running, ImportJobRunner.BatchSize, (DateTimeOffset?)null), (stopped.State, stopped.ProcessedRows, stopped.LeaseUntil));

        var second = new ImportHarness(database.Contexts, "import-second");
        Assert.True(await second.Jobs.ResumeUnheldAsync(Token) >= 1);
        await second.IdleAsync();

        var job = (await second.Jobs.GetAsync(stopped.Id, Token))!;
        Assert.Equal((ImportJobState.Completed, total, total - 1, 1), (job.State, job.ProcessedRows, job.Created, job.Refused));
        Assert.Equal(total - 1, (await LeadsAsync(tag)).Count);
        Assert.Contains("row 2 of this file", Assert.Single(await RefusalsAsync(job.Id)).Reason, StringComparison.Ordinal); // seen before the resume
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(total - 1, await db.Set<OutboxEntry>().CountAsync(e => db.Leads.Any(l => l.Id == e.LeadId && l.EmailNormalized.StartsWith(tag + ".")), Token));
    }

    [Fact]
    public async Task A_batch_whose_email_was_taken_meanwhile_is_written_row_by_row()
    {
        var tag = Tag();
        var harness = new ImportHarness(database.Contexts);
        var job = new ImportJob { FileName = "meanwhile.csv", CreatedAt = DateTimeOffset.UtcNow, MappingJson = Standard.ToJson(), TotalRows = 2 };
        await harness.Store.AddAsync(job, Csv("x"), Token);
        job.RunnerInstance = await harness.Store.TryClaimAsync(job.Id, Token);
        Assert.NotNull(job.RunnerInstance);
        await SeedAsync($"{tag}.1@example.com");
        var rows = new[] { $"{tag}.1@example.com", $"{tag}.2@example.com" }.Select((email, i) => new ImportRowOutcome(
            new ImportRow(i + 2, ["Ada", "New", email, "C"]), ImportRowAction.Create, new LeadFields("Ada", "New", email, null, null, "C"))).ToList();

        await harness.Writer.WriteAsync(job, rows, Token);

        Assert.Equal((2, 1, 1), (job.ProcessedRows, job.Created, job.Refused));
        Assert.Equal(["Existing", "New"], (await LeadsAsync(tag)).Select(l => l.LastName));
        var stored = (await harness.Jobs.GetAsync(job.Id, Token))!;
        Assert.Equal((2, 1, 1), (stored.ProcessedRows, stored.Created, stored.Refused));
        Assert.Contains("added while the import ran", Assert.Single(await RefusalsAsync(job.Id)).Reason, StringComparison.Ordinal);
        Assert.True(await harness.Store.FinishAsync(job.Id, job.RunnerInstance, ImportJobState.Completed, null, Token));
    }

    [Fact]
    public async Task A_runner_whose_lease_ran_out_and_was_taken_over_cannot_commit_a_batch_nor_end_the_job()
    {
        var tag = Tag();
        // The second run is this same instance's (its resumer took the job while a long batch outlasted the lease).
        var first = new ImportHarness(database.Contexts, "import-lost");
        var second = new ImportHarness(database.Contexts, "import-lost");
        var job = new ImportJob { FileName = "lost.csv", CreatedAt = DateTimeOffset.UtcNow, MappingJson = Standard.ToJson(), TotalRows = 1 };
        await first.Store.AddAsync(job, Csv("x"), Token);
        job.RunnerInstance = await first.Store.TryClaimAsync(job.Id, Token);
        Assert.NotNull(job.RunnerInstance);
        Assert.Null(await second.Store.TryClaimAsync(job.Id, Token)); // held
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            await db.Set<ImportJob>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1)), Token);
        }

        var taken = await second.Store.TryClaimAsync(job.Id, Token);
        Assert.NotNull(taken);
        Assert.NotEqual(job.RunnerInstance, taken);
        var row = new ImportRowOutcome(new ImportRow(2, ["Ada", "Late", $"{tag}.1@example.com", "C"]), ImportRowAction.Create,
            new LeadFields("Ada", "Late", $"{tag}.1@example.com", null, null, "C"));

        await Assert.ThrowsAsync<ImportJobLostException>(() => first.Writer.WriteAsync(job, [row], Token));

        Assert.Empty(await LeadsAsync(tag)); // rolled back with the progress it could not move
        // Nor can it end the job under its new run (a failure it saw, e.g. a deadlock with the new run's batch), nor give it up.
        Assert.False(await first.Store.FinishAsync(job.Id, job.RunnerInstance, ImportJobState.Failed, "seen by the run that lost the job", Token));
        await first.Store.ReleaseAsync(job.Id, job.RunnerInstance, Token);
        var stored = (await second.Jobs.ListRecentAsync(200, Token)).Single(j => j.Id == job.Id);
        Assert.Equal((ImportJobState.Running, taken), (stored.State, stored.RunnerInstance));
        Assert.Null(await second.Store.TryClaimAsync(job.Id, Token)); // still held by the new run
        Assert.NotNull(await second.Store.ReadFileAsync(job.Id, Token)); // the file stays for the run that holds the job
        Assert.True(await second.Store.FinishAsync(job.Id, taken, ImportJobState.Completed, null, Token));
    }

    [Fact]
    public async Task The_refused_rows_csv_repeats_the_header_and_the_rows_with_their_reasons_guarded()
    {
        var tag = Tag();
        var job = await RunAsync(new ImportHarness(database.Contexts), Csv(
            $"Ada,Lovelace,{tag}.1@example.com,Fine",
            $"=cmd,,{tag}.2@example.com,\"Comma, Inc\""));
        await using var writer = new StringWriter();

        var count = await new ImportHarness(database.Contexts).Jobs.WriteRefusalsAsync(job.Id, writer, Token);

        Assert.Equal(1, count);
        Assert.Equal(
            "Row,First name,Last name,Email,Company,Reason\r\n"
            + $"3,'=cmd,,{tag}.2@example.com,\"Comma, Inc\",Last name is required.\r\n",
            writer.ToString());
    }

    private async Task<List<ImportRefusal>> RefusalsAsync(Guid jobId)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        return await db.Set<ImportRefusal>().Where(r => r.JobId == jobId).OrderBy(r => r.RowNumber).ToListAsync(Token);
    }
}
