using LeadSync.Core.Data;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// Extra values stored with the lead in its JSON column (SQLite text, PostgreSQL jsonb), written through
/// <see cref="LeadCommands"/> with Core's validation; run on both databases by the subclasses.
/// </summary>
public abstract class ExtraFieldsStorageTests(TestDatabase database)
{
    private readonly SampleMappedFields mapped = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LeadCommands Commands => new(
        database.Contexts,
        new RecordingPushScheduler(),
        new SyncEventBus([]),
        new SyncInstance(Options.Create(new SyncOptions { InstanceId = "test" })),
        new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)),
        mapped);

    private static LeadFields Fields(LeadFieldValues extra) =>
        new("Ada", "Lovelace", $"ada.{Guid.NewGuid():N}@example.com", null, null, null) { Extra = extra };

    internal static LeadFieldValues EveryKind { get; } = LeadFieldValues.Empty
        .With("Industry", FieldValue.Text("Retail"))
        .With("Website", FieldValue.Text("https://example.com"))
        .With("Description", FieldValue.Text("Met at the fair.\nWants a demo."))
        .With("Designation", FieldValue.Text("CTO"))
        .With("Annual_Revenue", FieldValue.Number(1250000.5m))
        .With("No_of_Employees", FieldValue.Number(420))
        .With("Score__c", FieldValue.Number(87.25m))
        .With("Interests__c", FieldValue.List(["CRM", "BI"]))
        .With("Follow_Up__c", FieldValue.Text("2026-12-24"))
        .With("Last_Demo__c", FieldValue.Text("2026-12-03T09:30:00+00:00"))
        .With("Email_Opt_Out", FieldValue.Boolean(true));

    [Fact]
    public async Task Every_kind_of_value_is_stored_with_the_lead_and_read_back_typed()
    {
        var created = await Commands.CreateAsync(Fields(EveryKind), cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == created.Id, Token);
        Assert.Equal(EveryKind, stored.ExtraFields);
        Assert.Equal(1250000.5m, stored.ExtraFields.Get("Annual_Revenue")!.AsNumber);
        Assert.Equal(420L, stored.ExtraFields.Get("No_of_Employees")!.AsLong);
        Assert.Equal(new DateOnly(2026, 12, 24), stored.ExtraFields.Get("Follow_Up__c")!.AsDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero), stored.ExtraFields.Get("Last_Demo__c")!.AsDateTime);
        Assert.True(stored.ExtraFields.Get("Email_Opt_Out")!.AsBoolean);
        Assert.Equal(["CRM", "BI"], stored.ExtraFields.Get("Interests__c")!.AsList);
    }

    [Fact]
    public async Task An_edit_changes_and_clears_extra_values_and_keeps_the_others()
    {
        var created = await Commands.CreateAsync(Fields(EveryKind), cancellationToken: Token);

        var edited = created.Fields.WithExtra("Industry", FieldValue.Text("Healthcare")).WithExtra("Designation", null);
        await Commands.UpdateAsync(created.Id, edited, created.Version, cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == created.Id, Token);
        Assert.Equal(edited.Extra, stored.ExtraFields);
        Assert.Equal(EveryKind.Count - 1, stored.ExtraFields.Count);
    }

    [Fact]
    public async Task Invalid_extra_values_are_refused_naming_field_and_rule_and_nothing_is_stored()
    {
        var fields = Fields(EveryKind.With("Industry", FieldValue.Text("Mining")).With("Designation", FieldValue.Text(new string('x', 21))));

        var refused = await Assert.ThrowsAsync<LeadValidationException>(() => Commands.CreateAsync(fields, cancellationToken: Token));

        Assert.Equal(
            [("Designation", ValidationRules.MaxLength), ("Industry", ValidationRules.Picklist)],
            refused.Failures.Select(f => (f.Field, f.Rule)).Order());
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.False(await db.Leads.AnyAsync(l => l.Email == fields.Email, Token));
    }

    [Fact]
    public async Task Leads_stored_before_extra_fields_existed_read_as_having_none()
    {
        var created = await Commands.CreateAsync(Fields(LeadFieldValues.Empty), cancellationToken: Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Same(LeadFieldValues.Empty, (await db.Leads.AsNoTracking().SingleAsync(l => l.Id == created.Id, Token)).ExtraFields);
    }
}

public sealed class ExtraFieldsStorageTests_Sqlite(SqliteTestDatabase database) : ExtraFieldsStorageTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ExtraFieldsStorageTests_Postgres(PostgresTestDatabase database) : ExtraFieldsStorageTests(database), IClassFixture<PostgresTestDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_filter_on_a_mapped_picklist_or_boolean_is_answered_by_the_jsonb_index()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal("jsonb", await db.Database.SqlQueryRaw<string>(
            "SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'Leads' AND column_name = 'ExtraFields'").SingleAsync(Token));

        await using var transaction = await db.Database.BeginTransactionAsync(Token);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", Token);
        var plan = string.Join('\n', await db.Database.SqlQueryRaw<string>(
            "EXPLAIN SELECT \"Id\" AS \"Value\" FROM \"Leads\" WHERE \"ExtraFields\" @> '{{\"Industry\":\"Retail\",\"Email_Opt_Out\":true}}'").ToListAsync(Token));

        Assert.Contains("IX_Leads_ExtraFields_path", plan, StringComparison.Ordinal);
        Assert.Equal(DatabaseProvider.Postgres, db.Provider);
    }
}
