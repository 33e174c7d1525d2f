using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>The checked-in migrations of each provider build the whole model on an empty database.</summary>
public abstract class DatabaseMigratorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract TestDatabase CreateEmptyDatabase();

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await using var database = CreateEmptyDatabase();
        await database.InitializeAsync();
        await using (var before = await database.Contexts.CreateDbContextAsync(Token))
        {
            Assert.Empty(await before.Database.GetAppliedMigrationsAsync(Token));
            Assert.NotEmpty(await before.Database.GetPendingMigrationsAsync(Token));
        }

        await database.MigrateAsync(Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Token));
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed since the last migration: run scripts/add-migration.sh.");
        var lead = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        lead.Apply(new LeadFields("Zoë", "Müller", "zoe@example.com", null, null, null));
        db.Leads.Add(lead);
        await db.SaveChangesAsync(Token);
        Assert.Equal(1, await db.Leads.CountAsync(Token));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        await using var database = CreateEmptyDatabase();
        await database.InitializeAsync();

        await database.MigrateAsync(Token);
        await database.MigrateAsync(Token);

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
    }
}
