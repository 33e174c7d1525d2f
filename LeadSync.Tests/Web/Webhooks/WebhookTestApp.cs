using System.Globalization;
using System.Net.Http.Json;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Webhooks;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>
/// The real app with the sandbox as Zoho and the scheduled pull at one hour, so only notifications (§5) bring Zoho's
/// changes in the test's time. Helpers to wait for the channel, post callbacks and read local leads.
/// </summary>
internal sealed class WebhookTestApp : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public WebhookTestApp(Action<LeadSyncAppFactory>? configure = null)
    {
        Factory = new LeadSyncAppFactory().With("Webhooks:Enabled", "true").With("Sync:PullInterval", "01:00:00").With("Webhooks:CoalesceDelay", "00:00:00.050");
        configure?.Invoke(Factory);
        BaseAddress = Factory.Start();
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public LeadSyncAppFactory Factory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public ZohoSandboxControl Sandbox => Factory.Services.GetRequiredService<ZohoSandboxControl>();

    public SandboxWatchRegistry Watches => Factory.Services.GetRequiredService<SandboxWatchRegistry>();

    public WebhookChannelStore Store => Factory.Services.GetRequiredService<WebhookChannelStore>();

    public WebhookChannelManager Manager => Factory.Services.GetRequiredService<WebhookChannelManager>();

    /// <summary>The channel the app enabled at startup (waits for it).</summary>
    public async Task<WebhookChannel> ChannelAsync() =>
        await PollAsync(async () => await Store.GetChannelAsync(Ct), c => c is not null, "the watch channel enabled at startup") ?? throw new InvalidOperationException();

    /// <summary>Posts a §5 callback to <c>/webhooks/zoho</c>.</summary>
    public Task<HttpResponseMessage> NotifyAsync(string? channelId, string? token, string operation, params string[] ids) =>
        Http.PostAsJsonAsync(new Uri("webhooks/zoho", UriKind.Relative), new Dictionary<string, object?>
        {
            ["server_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["module"] = "Leads",
            ["resource_uri"] = "https://www.zohoapis.com/crm/v2/Leads",
            ["ids"] = ids,
            ["affected_fields"] = Array.Empty<object>(),
            ["operation"] = operation,
            ["channel_id"] = channelId,
            ["token"] = token,
        }, Ct);

    /// <summary>Creates a lead as a person on the sandbox page would (notifications go out); returns its Zoho id.</summary>
    public async Task<long> CreateInSandboxAsync(string lastName, string company)
    {
        var created = await Sandbox.Leads.CreateAsync(new SandboxLeadInput { LastName = lastName, Email = Email(lastName), Company = company }, Ct);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Lead!.Id;
    }

    public static string Email(string lastName) => lastName.ToLowerInvariant() + "@example.com";

    public static string Id(long zohoId) => zohoId.ToString(CultureInfo.InvariantCulture);

    public async Task<Lead?> LocalLeadAsync(string email)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        var normalized = Lead.NormalizeEmail(email);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.EmailNormalized == normalized, Ct);
    }

    public async Task<Lead?> LocalLeadByZohoIdAsync(string zohoId)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.ZohoId == zohoId, Ct);
    }

    public async Task<List<SyncRun>> RunsAsync()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<SyncRun>().AsNoTracking().ToListAsync(Ct);
    }

    /// <summary>Re-reads until the condition holds (fails after <see cref="WaitLimit"/>); returns the last value.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {WaitLimit.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}
