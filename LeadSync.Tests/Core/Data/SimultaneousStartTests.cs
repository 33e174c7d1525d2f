using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Data;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// Two instances started at the same moment on one PostgreSQL database (issue 14.1, 14.2): migrations apply once and
/// the first admin is created once, whoever wins; both instances come up healthy, and nothing is logged as an error.
/// </summary>
public sealed class SimultaneousStartTests
{
    private const int Rounds = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_both_come_up_with_one_admin()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(Ct);
            try
            {
                await StartTogetherAsync(connectionString, round);
            }
            finally
            {
                await PostgresServer.DropDatabaseAsync(name, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task Two_instances_starting_together_on_a_migrated_database_without_an_admin_create_it_once()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(Ct);
            try
            {
                await using (var migrate = Instance(connectionString).With("Admin:Email", null).With("Admin:Password", null))
                {
                    migrate.Start();
                }

                await StartTogetherAsync(connectionString, round);
            }
            finally
            {
                await PostgresServer.DropDatabaseAsync(name, CancellationToken.None);
            }
        }
    }

    private static async Task StartTogetherAsync(string connectionString, int round)
    {
        await using var first = Instance(connectionString);
        await using var second = Instance(connectionString);

        var starts = await Task.WhenAll(Task.Run(first.Start, Ct), Task.Run(second.Start, Ct));

        foreach (var (app, address) in new[] { (first, starts[0]), (second, starts[1]) })
        {
            using var client = new HttpClient { BaseAddress = address };
            using var ready = await client.GetAsync(new Uri("readyz", UriKind.Relative), Ct);
            var body = await ready.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"round {round}: /readyz answered {(int)ready.StatusCode}: {body}");
            Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        }

        await using var db = await first.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Users.CountAsync(Ct));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        using var admin = await second.CreateAdminClientAsync(); // the one admin signs in on either instance
    }

    private static LeadSyncAppFactory Instance(string connectionString) =>
        new LeadSyncAppFactory().UsePostgres(connectionString).WithQuietEngine().WithLogCapture(Microsoft.Extensions.Logging.LogLevel.Information);
}
