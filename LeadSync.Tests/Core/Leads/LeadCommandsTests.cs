using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Leads;

/// <summary>Lead writes and their outbox entries, on a real database (run on SQLite and PostgreSQL by the subclasses).</summary>
public abstract class LeadCommandsTests(TestDatabase database)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingPushScheduler pushes = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly SyncEventBus events = new([]);

    private LeadCommands Commands => new(database.Contexts, pushes, events, new SyncInstance(Options.Create(new SyncOptions { InstanceId = "test" })), clock);

    private static string UniqueEmail(string name = "ada") => $"{name}.{Guid.NewGuid():N}@example.com";

    private static LeadFields Fields(string email) => new("Ada", "Lovelace", email, "+44 20 7946 0958", "Contacted", "Analytical Engines");

    [Fact]
    public async Task Create_stores_the_lead_with_exactly_one_upsert_outbox_entry()
    {
        var email = UniqueEmail();

        var created = await Commands.CreateAsync(Fields(email) with { FirstName = "  Zoë ", Company = "李 Trading" }, ChangeSource.Api, Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Leads.SingleAsync(l => l.Id == created.Id, Token);
        Assert.Equal(("Zoë", "Lovelace", email, "李 Trading"), (stored.FirstName, stored.LastName, stored.Email, stored.Company));
        Assert.Equal(email.ToLowerInvariant(), stored.EmailNormalized);
        Assert.Contains("zoë", stored.SearchText, StringComparison.Ordinal);
        Assert.Equal(SyncState.Pending, stored.SyncState);
        Assert.Equal(clock.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(clock.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(1, stored.Version);

        var entry = Assert.Single(await db.Set<OutboxEntry>().Where(e => e.LeadId == created.Id).ToListAsync(Token));
        Assert.Equal((OutboxOperation.Upsert, 1, 0, ChangeSource.Api), (entry.Operation, entry.Revision, entry.Attempts, entry.Trigger));
        Assert.Equal(clock.GetUtcNow(), entry.NextAttemptAt);
        Assert.Equal(1, pushes.Count);
    }

    [Fact]
    public async Task Edits_coalesce_into_the_one_outbox_entry_and_bump_its_revision()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);
        clock.Advance(TimeSpan.FromMinutes(1));
        var first = await Commands.UpdateAsync(created.Id, created.Fields with { Status = "Pre-Qualified" }, created.Version, cancellationToken: Token);
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Commands.UpdateAsync(created.Id, first.Fields with { Phone = "555 0100" }, first.Version, cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var entry = Assert.Single(await db.Set<OutboxEntry>().Where(e => e.LeadId == created.Id).ToListAsync(Token));
        Assert.Equal((OutboxOperation.Upsert, 3), (entry.Operation, entry.Revision));
        Assert.Equal(clock.GetUtcNow(), entry.UpdatedAt);
        var stored = await db.Leads.SingleAsync(l => l.Id == created.Id, Token);
        Assert.Equal(("Pre-Qualified", "555 0100", 3L), (stored.Status, stored.Phone, stored.Version));
        Assert.Equal(clock.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(3L, second.Version);
        Assert.Equal(3, pushes.Count);
    }

    [Fact]
    public async Task Each_committed_change_tells_open_views_and_an_unchanged_save_or_a_refused_one_does_not()
    {
        using var subscription = events.Subscribe();
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), ChangeSource.Api, Token);
        await Commands.UpdateAsync(created.Id, created.Fields, created.Version, cancellationToken: Token);
        await Assert.ThrowsAsync<LeadValidationException>(() => Commands.CreateAsync(Fields(UniqueEmail()) with { LastName = " " }, cancellationToken: Token));
        var edited = await Commands.UpdateAsync(created.Id, created.Fields with { Company = "Difference Engines" }, created.Version, cancellationToken: Token);
        await Commands.DeleteAsync(created.Id, cancellationToken: Token);

        var told = new List<LeadStateChanged>();
        while (subscription.Reader.TryRead(out var syncEvent))
        {
            told.Add(Assert.IsType<LeadStateChanged>(syncEvent));
        }

        (Guid, SyncState?)[] expected = [(created.Id, SyncState.Pending), (edited.Id, SyncState.Pending), (created.Id, null)];
        Assert.Equal(expected, told.Select(e => (e.LeadId, e.State)).ToArray());
        Assert.All(told, e => Assert.Equal("test", e.InstanceId));
    }

    [Fact]
    public async Task Saving_unchanged_values_writes_nothing()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);

        var same = await Commands.UpdateAsync(created.Id, created.Fields with { LastName = " Lovelace " }, created.Version, cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var entry = Assert.Single(await db.Set<OutboxEntry>().Where(e => e.LeadId == created.Id).ToListAsync(Token));
        Assert.Equal(1, entry.Revision);
        Assert.Equal(1L, same.Version);
    }

    [Fact]
    public async Task Duplicate_email_is_refused_without_case_and_nothing_is_stored()
    {
        var email = UniqueEmail("ada");
        var first = await Commands.CreateAsync(Fields(email), cancellationToken: Token);

        var exception = await Assert.ThrowsAsync<DuplicateEmailException>(
            () => Commands.CreateAsync(Fields("  " + email.ToUpperInvariant()) with { LastName = "Byron" }, cancellationToken: Token));

        Assert.Equal(first.Id, exception.ExistingLeadId);
        var failure = Assert.Single(exception.Failures);
        Assert.Equal(("Email", "unique"), (failure.Field, failure.Rule));
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var normalized = email.ToLowerInvariant();
        var stored = Assert.Single(await db.Leads.Where(l => l.EmailNormalized == normalized).ToListAsync(Token));
        Assert.Equal("Lovelace", stored.LastName);
        Assert.False(await db.Leads.AnyAsync(l => l.LastName == "Byron" && l.EmailNormalized == normalized, Token));
        Assert.Equal(1, await db.Set<OutboxEntry>().CountAsync(e => e.LeadId == stored.Id, Token));
        Assert.Equal(1, pushes.Count);
    }

    [Fact]
    public async Task Changing_the_email_to_another_leads_email_is_refused()
    {
        var taken = UniqueEmail("taken");
        var holder = await Commands.CreateAsync(Fields(taken), cancellationToken: Token);
        var other = await Commands.CreateAsync(Fields(UniqueEmail("other")), cancellationToken: Token);

        var exception = await Assert.ThrowsAsync<DuplicateEmailException>(
            () => Commands.UpdateAsync(other.Id, other.Fields with { Email = taken.ToUpperInvariant() }, other.Version, cancellationToken: Token));

        Assert.Equal(("Email", "unique", holder.Id), (exception.Failures[0].Field, exception.Failures[0].Rule, exception.ExistingLeadId));
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Leads.SingleAsync(l => l.Id == other.Id, Token);
        Assert.Equal((other.Email, 1L), (stored.Email, stored.Version));
    }

    [Fact]
    public async Task Changing_only_the_case_of_its_own_email_is_allowed()
    {
        var email = UniqueEmail("case");
        var created = await Commands.CreateAsync(Fields(email), cancellationToken: Token);

        var updated = await Commands.UpdateAsync(created.Id, created.Fields with { Email = email.ToUpperInvariant() }, created.Version, cancellationToken: Token);

        Assert.Equal(email.ToUpperInvariant(), updated.Email);
        Assert.Equal(email.ToLowerInvariant(), updated.EmailNormalized);
    }

    [Fact]
    public async Task Stale_expected_version_is_refused_and_nothing_changes()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);
        var current = await Commands.UpdateAsync(created.Id, created.Fields with { Status = "Contacted again" }, created.Version, cancellationToken: Token);

        var exception = await Assert.ThrowsAsync<LeadConcurrencyException>(
            () => Commands.UpdateAsync(created.Id, created.Fields with { Status = "Lost Lead" }, created.Version, cancellationToken: Token));

        Assert.Equal(created.Id, exception.LeadId);
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Leads.SingleAsync(l => l.Id == created.Id, Token);
        Assert.Equal(("Contacted again", current.Version), (stored.Status, stored.Version));
        Assert.Equal(2, (await db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == created.Id, Token)).Revision);
    }

    [Fact]
    public async Task Invalid_create_stores_nothing()
    {
        var email = UniqueEmail();

        var exception = await Assert.ThrowsAsync<LeadValidationException>(
            () => Commands.CreateAsync(Fields(email) with { LastName = " ", Phone = "call me" }, cancellationToken: Token));

        Assert.Equal([("LastName", "required"), ("Phone", "format")], exception.Failures.Select(f => (f.Field, f.Rule)).ToArray());
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var normalized = email.ToLowerInvariant();
        Assert.False(await db.Leads.AnyAsync(l => l.EmailNormalized == normalized, Token));
        Assert.Equal(0, pushes.Count);
    }

    [Fact]
    public async Task Invalid_edit_changes_nothing()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);

        await Assert.ThrowsAsync<LeadValidationException>(
            () => Commands.UpdateAsync(created.Id, created.Fields with { Company = new string('c', 201) }, created.Version, cancellationToken: Token));

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Leads.SingleAsync(l => l.Id == created.Id, Token);
        Assert.Equal(("Analytical Engines", 1L), (stored.Company, stored.Version));
        Assert.Equal(1, (await db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == created.Id, Token)).Revision);
    }

    [Fact]
    public async Task Deleting_a_never_synced_lead_leaves_no_outbox_entry()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);

        await Commands.DeleteAsync(created.Id, cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.False(await db.Leads.AnyAsync(l => l.Id == created.Id, Token));
        Assert.False(await db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == created.Id, Token));
    }

    [Fact]
    public async Task Deleting_a_synced_lead_leaves_a_delete_entry_with_its_zoho_id()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);
        var zohoId = "5725767000000" + Random.Shared.Next(100000, 999999);
        await using (var setup = await database.Contexts.CreateDbContextAsync(Token))
        {
            await setup.Leads.Where(l => l.Id == created.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ZohoId, zohoId).SetProperty(l => l.SyncState, SyncState.Synced), Token);
            await setup.Set<OutboxEntry>().Where(e => e.LeadId == created.Id).ExecuteDeleteAsync(Token);
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await Commands.DeleteAsync(created.Id, ChangeSource.Bulk, Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.False(await db.Leads.AnyAsync(l => l.Id == created.Id, Token));
        var entry = Assert.Single(await db.Set<OutboxEntry>().Where(e => e.LeadId == created.Id).ToListAsync(Token));
        Assert.Equal((OutboxOperation.Delete, zohoId, ChangeSource.Bulk), (entry.Operation, entry.ZohoId, entry.Trigger));
        Assert.Equal(clock.GetUtcNow(), entry.NextAttemptAt);
    }

    [Fact]
    public async Task Deleting_a_synced_lead_with_a_pending_edit_turns_the_entry_into_a_delete()
    {
        var created = await Commands.CreateAsync(Fields(UniqueEmail()), cancellationToken: Token);
        await using (var setup = await database.Contexts.CreateDbContextAsync(Token))
        {
            await setup.Leads.Where(l => l.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ZohoId, "5725767000000424242"), Token);
        }

        await Commands.DeleteAsync(created.Id, cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var entry = Assert.Single(await db.Set<OutboxEntry>().Where(e => e.LeadId == created.Id).ToListAsync(Token));
        Assert.Equal((OutboxOperation.Delete, "5725767000000424242", 2), (entry.Operation, entry.ZohoId, entry.Revision));
    }

    [Fact]
    public async Task Editing_or_deleting_a_missing_lead_says_not_found()
    {
        var id = Guid.NewGuid();
        await Assert.ThrowsAsync<LeadNotFoundException>(() => Commands.UpdateAsync(id, Fields(UniqueEmail()), null, cancellationToken: Token));
        await Assert.ThrowsAsync<LeadNotFoundException>(() => Commands.DeleteAsync(id, cancellationToken: Token));
    }
}
