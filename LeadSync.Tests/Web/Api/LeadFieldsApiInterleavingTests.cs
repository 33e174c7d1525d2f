using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

/// <summary>
/// An API update names some extra fields and must change only those: a write that lands between the API reading the
/// lead and writing it (a pull, another edit) keeps its values — the update reads again instead of writing back what it
/// read. The other write is made to land exactly there: it runs when the API asks the mapping (which it does after
/// reading the lead), so the interleaving is the same in every run.
/// </summary>
public sealed class LeadFieldsApiInterleavingTests : IAsyncLifetime
{
    private readonly WriteDuringMappingRead between = new();
    private readonly LeadSyncAppFactory app;
    private HttpClient api = default!;

    public LeadFieldsApiInterleavingTests()
    {
        app = new LeadSyncAppFactory().WithQuietEngine().WithServices(services => services.AddSingleton<IMappedFields>(sp =>
        {
            between.Inner = sp.GetRequiredService<MappedFields>();
            return between;
        }));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = app.CreateApiClient();
        await ExtraFieldsSyncTests.MapAsync(app, ["Industry", "Seats__c"]);
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_update_without_a_version_keeps_an_extra_field_another_write_changed_after_it_read_the_lead()
    {
        using var created = await api.PostAsJsonAsync("api/leads", new
        {
            lastName = "Hopper", email = "grace.interleaved@example.com",
            fields = new Dictionary<string, object?> { ["Industry"] = "Storage Equipment", ["Seats__c"] = 5 },
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        between.Arm(async () =>
        {
            var commands = app.Services.GetRequiredService<LeadCommands>();
            var lead = (await app.Services.GetRequiredService<LeadQueries>().FindAsync(id, Ct))!;
            await commands.UpdateAsync(id, lead.Fields.WithExtra("Industry", FieldValue.Text("Systems Integrator")), null, ChangeSource.Console, Ct);
        });

        using var updated = await api.PutAsJsonAsync($"api/leads/{id}", new
        {
            lastName = "Hopper", email = "grace.interleaved@example.com", fields = new Dictionary<string, object?> { ["Seats__c"] = 7 },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.True(between.Fired);
        var stored = (await app.Services.GetRequiredService<LeadQueries>().FindAsync(id, Ct))!;
        Assert.Equal(FieldValue.ToStoredText(FieldValue.Text("Systems Integrator")), FieldValue.ToStoredText(stored.ExtraFields.Get("Industry")));
        Assert.Equal(FieldValue.ToStoredText(FieldValue.Number(7)), FieldValue.ToStoredText(stored.ExtraFields.Get("Seats__c")));
    }

    /// <summary>The real mapping, which once armed first runs another write — the first time anyone asks it.</summary>
    private sealed class WriteDuringMappingRead : IMappedFields
    {
        private Func<Task>? armed;

        public MappedFields Inner { get; set; } = default!;

        public bool Fired { get; private set; }

        public void Arm(Func<Task> write) => armed = write;

        public async ValueTask<IReadOnlyList<MappedField>> GetAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref armed, null) is { } write)
            {
                Fired = true;
                await write();
            }

            return await Inner.GetAsync(cancellationToken);
        }
    }
}
