using System.Diagnostics;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using OpenTelemetry.Trace;

namespace LeadSync.Tests.Web.Operations;

/// <summary>
/// On PostgreSQL the Npgsql instrumentation adds the database commands to a run's trace, and <c>/metrics</c> carries
/// Npgsql's own series.
/// </summary>
[Collection(ProcessWideMeters.Name)]
public sealed class ObservabilityTests_Postgres
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_runs_database_commands_are_spans_of_its_trace()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            var spans = new List<Activity>();
            await using var app = new LeadSyncAppFactory().UsePostgres(connectionString).WithQuietEngine()
                .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
            app.Start();
            var lead = await app.CreateAsync("traced.postgres@example.com");
            await app.WaitSyncedAsync(lead.Id);
            await Eventually.TrueAsync(
                async () => (await app.RunsAsync()).Any(r => r.Kind == SyncRunKind.Push && r.Created == 1 && r.FinishedAt is not null),
                "the lead's push run has finished");
            var run = (await app.RunsAsync()).Last(r => r.Kind == SyncRunKind.Push && r.Created == 1);

            var trace = spans.ToList().Where(s => s.TraceId.ToHexString() == run.TraceId).ToList();
            var batch = Assert.Single(trace, s => s.OperationName == "db.batch apply push results");
            Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == batch.SpanId);

            using var client = new HttpClient { BaseAddress = app.Start() };
            var metrics = await client.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);
            Assert.Matches(@"(?m)^db_client_", metrics);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(name, CancellationToken.None);
        }
    }
}
