using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadSync.Core.Api;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Security;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

/// <summary>
/// <c>POST /api/leads/batch</c>: one transaction per operation and a result per operation (a partial failure stores the
/// rest), the limits, and the <c>Idempotency-Key</c>: a retried request answers from the first run and applies nothing.
/// </summary>
public sealed class LeadBatchApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();
    private HttpClient api = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        api = app.CreateApiClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/leads/batch") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await api.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static (int Index, string Op, int Status) Summary(JsonElement result) =>
        (result.GetProperty("index").GetInt32(), result.GetProperty("op").GetString()!, result.GetProperty("status").GetInt32());

    [Fact]
    public async Task Each_operation_has_its_own_result_and_a_refused_one_leaves_the_others_stored()
    {
        var existing = await app.Commands.CreateAsync(new LeadFields("Ada", "Lovelace", "ada@example.com", null, null, "Engines"), ChangeSource.Api, Ct);
        var doomed = await app.Commands.CreateAsync(new LeadFields(null, "Doomed", "doomed@example.com", null, null, null), ChangeSource.Api, Ct);

        using var response = await PostAsync(new
        {
            operations = new object[]
            {
                new { op = "create", lead = new { lastName = "Hopper", email = "grace@example.com", company = "Navy" } },
                new { op = "create", lead = new { lastName = "Copy", email = "ADA@example.com" } },
                new { op = "update", id = existing.Id, version = existing.Version, lead = new { firstName = "Ada", lastName = "King", email = "ada@example.com" } },
                new { op = "create", lead = new { lastName = " ", email = "not-an-email", phone = "call me" } },
                new { op = "delete", id = doomed.Id },
                new { op = "delete", id = Guid.NewGuid() },
                new { op = "update", id = existing.Id, version = existing.Version, lead = new { lastName = "Stale", email = "ada@example.com" } },
                new { op = "upsert", id = existing.Id },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(
            [(0, "create", 201), (1, "create", 409), (2, "update", 200), (3, "create", 400), (4, "delete", 204), (5, "delete", 404), (6, "update", 409), (7, "upsert", 400)],
            results.Select(Summary));
        Assert.Equal((3, 5), (body.GetProperty("succeeded").GetInt32(), body.GetProperty("failed").GetInt32()));
        Assert.True(results[1].GetProperty("problem").TryGetProperty("existingLeadId", out var holder), results[1].ToString());
        Assert.Equal(existing.Id, holder.GetGuid());
        var errors = results[3].GetProperty("problem").GetProperty("errors");
        Assert.True(errors.TryGetProperty("lastName", out _) && errors.TryGetProperty("email", out _) && errors.TryGetProperty("phone", out _), errors.ToString());
        Assert.Contains("'create', 'update' or 'delete'", results[7].GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);

        var hopper = await app.LeadByEmailAsync("grace@example.com");
        Assert.Equal(("Hopper", SyncState.Pending), (hopper?.LastName, hopper?.SyncState));
        Assert.Equal(hopper!.Id, results[0].GetProperty("id").GetGuid());
        Assert.Equal("King", (await app.LeadAsync(existing.Id))?.LastName);
        Assert.Null(await app.LeadAsync(doomed.Id));
        Assert.Null(await app.LeadByEmailAsync("not-an-email"));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_answers_from_the_first_run_and_applies_nothing_again()
    {
        var batch = new { operations = new[] { new { op = "create", lead = new { lastName = "Once", email = "once@example.com" } } } };
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(batch, key);
        using var retry = await PostAsync(batch, key);
        using var otherRequest = await PostAsync(new { operations = new[] { new { op = "create", lead = new { lastName = "Twice", email = "twice@example.com" } } } }, key);
        var secondKey = await app.Services.GetRequiredService<ApiKeys>().CreateAsync("Second caller", "test", Ct);
        using var otherCaller = app.CreateApiClient(secondKey.Key);
        using var sameKeyOtherCaller = new HttpRequestMessage(HttpMethod.Post, "api/leads/batch") { Content = JsonContent.Create(batch) };
        sameKeyOtherCaller.Headers.Add("Idempotency-Key", key);
        using var second = await otherCaller.SendAsync(sameKeyOtherCaller, Ct);

        var firstText = await first.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstText, await retry.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(201, (await JsonAsync(first)).GetProperty("results")[0].GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherRequest.StatusCode);
        Assert.Null(await app.LeadByEmailAsync("twice@example.com"));
        // Keys belong to their caller: another API key's same key is a new request (here refused per item: the email is taken).
        Assert.Equal(409, (await JsonAsync(second)).GetProperty("results")[0].GetProperty("status").GetInt32());
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.EmailNormalized == "once@example.com", Ct)));
    }

    [Fact]
    public async Task A_key_whose_run_is_still_going_is_told_to_wait_and_one_whose_run_died_runs_again()
    {
        var batch = new { operations = new[] { new { op = "create", lead = new { lastName = "Later", email = "later@example.com" } } } };
        var body = JsonSerializer.Serialize(batch, WebJson);
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        const string scope = "bootstrap"; // the bootstrap key's identity
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("POST /api/leads/batch\n" + body)));
        Assert.Equal(IdempotencyClaimKind.Run, (await store.ClaimAsync(scope, "running", hash, Ct)).Kind);

        using var running = await PostAsync(batch, "running");

        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal("5", running.Headers.RetryAfter?.ToString());
        Assert.Null(await app.LeadByEmailAsync("later@example.com"));

        // The claim's run died without an answer: past the lease the next retry runs it.
        var lapsed = DateTimeOffset.UtcNow - IdempotencyStore.RunningLease - TimeSpan.FromMinutes(1);
        await app.QueryAsync(db => db.Set<IdempotencyRecord>().Where(r => r.Key == "running")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, lapsed), Ct));
        using var after = await PostAsync(batch, "running");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotNull(await app.LeadByEmailAsync("later@example.com"));
    }

    [Fact]
    public async Task Bad_batches_are_refused_whole_with_a_problem_naming_what_is_wrong()
    {
        using var empty = await PostAsync(new { operations = Array.Empty<object>() });
        using var tooMany = await PostAsync(new { operations = Enumerable.Range(0, 1001).Select(i => new { op = "delete", id = Guid.NewGuid() }) });
        using var badKey = await PostAsync(new { operations = new[] { new { op = "delete", id = Guid.NewGuid() } } }, "has spaces in it");
        using var unknown = await PostAsync(new { operations = new[] { new { op = "delete", id = Guid.NewGuid(), extra = 1 } } });
        using var anonymous = app.CreateAnonymousClient();
        using var refused = await anonymous.PostAsJsonAsync("api/leads/batch", new { operations = new[] { new { op = "delete", id = Guid.NewGuid() } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("1 to 1,000 operations", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Contains("Idempotency-Key must be", await badKey.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unknown property", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_thousand_creates_fit_in_one_request()
    {
        var operations = Enumerable.Range(0, 1000).Select(i => new { op = "create", lead = new { lastName = $"Bulk {i}", email = $"bulk{i}@example.com", company = "A company with a name of typical length" } });

        using var response = await PostAsync(new { operations });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await JsonAsync(response)).GetProperty("succeeded").GetInt32());
        Assert.Equal(1000, await app.QueryAsync(db => db.Leads.CountAsync(l => l.LastName.StartsWith("Bulk "), Ct)));
    }
}
