using LeadSync.Core.Fields;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Fields;

/// <summary>
/// The metadata cache (<c>ZohoFields</c>) and the mapping (<c>FieldMappings</c>) on both databases, as the migrations
/// build them: stored rows are what <see cref="MappedFields"/> answers, the direction is stored by name, and a change
/// in the cached metadata since the mapping is a problem once the cache is read again.
/// </summary>
public abstract class FieldMappingStorageTests(TestDatabase database)
{
    private static readonly ZohoFieldDefinition Region = new()
    {
        ApiName = "Region__c", Label = "Region", Type = ZohoFieldType.Picklist, DataType = "picklist", Custom = true, PicklistValues = ["EMEA", "APAC"],
    };

    private static readonly ZohoFieldDefinition Seats = new() { ApiName = "Seats__c", Label = "Seats", Type = ZohoFieldType.WholeNumber, DataType = "integer", MaxLength = 9 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    private async Task StoreAsync(IEnumerable<ZohoFieldDefinition> metadata, params (ZohoFieldDefinition Field, FieldSyncDirection Direction)[] mappings)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        await db.Set<CachedZohoField>().ExecuteDeleteAsync(Token);
        await db.Set<FieldMapping>().ExecuteDeleteAsync(Token);
        db.AddRange(metadata.Select((f, i) => new CachedZohoField { ApiName = f.ApiName, Position = i, Definition = FieldDefinitionJson.Write(f), ReadAt = clock.GetUtcNow() }));
        db.AddRange(mappings.Select((m, i) => new FieldMapping
        {
            ApiName = m.Field.ApiName, Direction = m.Direction, Position = i, MappedDefinition = FieldDefinitionJson.Write(m.Field), MappedAt = clock.GetUtcNow(),
        }));
        await db.SaveChangesAsync(Token);
    }

    [Fact]
    public async Task Stored_mappings_are_what_imapped_fields_answers_with_their_definition_and_direction()
    {
        await StoreAsync([Region, Seats], (Region, FieldSyncDirection.ZohoToLeadSync), (Seats, FieldSyncDirection.LeadSyncToZoho));

        var mapped = await new MappedFields(database.Contexts, clock).GetAsync(Token);

        Assert.Equal(["Region__c", "Seats__c"], mapped.Select(m => m.ApiName));
        Assert.Equal(Region.PicklistValues, mapped[0].Definition.PicklistValues);
        Assert.Equal(9, mapped[1].Definition.MaxLength);
        Assert.Equal([FieldSyncDirection.ZohoToLeadSync, FieldSyncDirection.LeadSyncToZoho], mapped.Select(m => m.Direction));
        Assert.All(mapped, m => Assert.Null(m.Problem));
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var stored = await db.Set<FieldMapping>().AsNoTracking()
            .Where(m => m.Direction == FieldSyncDirection.LeadSyncToZoho).Select(m => m.ApiName).ToListAsync(Token);
        Assert.Equal(["Seats__c"], stored);
    }

    [Fact]
    public async Task A_change_in_the_stored_metadata_is_seen_after_the_cache_is_invalidated()
    {
        var mappedFields = new MappedFields(database.Contexts, clock);
        await StoreAsync([Region, Seats], (Region, FieldSyncDirection.BothWays));
        Assert.Null(Assert.Single(await mappedFields.GetAsync(Token)).Problem);

        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var row = await db.Set<CachedZohoField>().SingleAsync(f => f.ApiName == "Region__c", Token);
            row.Definition = FieldDefinitionJson.Write(Region with { PicklistValues = ["APAC"] });
            await db.SaveChangesAsync(Token);
        }

        Assert.Null(Assert.Single(await mappedFields.GetAsync(Token)).Problem); // held in memory
        mappedFields.Invalidate();
        Assert.Contains("\"EMEA\"", Assert.Single(await mappedFields.GetAsync(Token)).Problem, StringComparison.Ordinal);
        clock.Advance(MappedFields.MaxAge);
        Assert.NotNull(Assert.Single(await new MappedFields(database.Contexts, clock).GetAsync(Token)).Problem);
    }
}

public sealed class FieldMappingStorageTests_Sqlite(SqliteTestDatabase database) : FieldMappingStorageTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class FieldMappingStorageTests_Postgres(PostgresTestDatabase database) : FieldMappingStorageTests(database), IClassFixture<PostgresTestDatabase>;
