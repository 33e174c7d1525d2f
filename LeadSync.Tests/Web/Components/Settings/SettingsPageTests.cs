using Bunit;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Settings;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Settings;

public sealed class SettingsPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task A_pull_interval_below_ten_seconds_is_refused_with_a_message_naming_the_field()
    {
        var before = ctx.Get<IOptionsMonitor<SyncOptions>>().CurrentValue.PullInterval;
        var page = ctx.RenderWithProviders<SettingsPage>();
        var interval = page.WaitForElement("input[data-testid=pull-interval], [data-testid=pull-interval] input");

        var unit = page.FindComponent<MudSelect<IntervalUnit>>();
        await unit.InvokeAsync(() => unit.Instance.ValueChanged.InvokeAsync(IntervalUnit.Seconds));
        interval.Change("5");
        page.Find("[data-testid=save-sync-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Pull interval must be between 10 seconds and 24 hours.",
            page.Find("[data-testid=sync-settings-errors]").TextContent, StringComparison.Ordinal));
        Assert.Equal(before, ctx.Get<IOptionsMonitor<SyncOptions>>().CurrentValue.PullInterval);
    }

    [Fact]
    public async Task Saving_changes_the_values_the_engine_reads_without_a_restart()
    {
        var sync = ctx.Get<IOptionsMonitor<SyncOptions>>();
        var zoho = ctx.Get<IOptionsMonitor<ZohoOptions>>();
        Assert.Equal((TimeSpan.FromMinutes(1), ConflictPolicy.ZohoWins, false), (sync.CurrentValue.PullInterval, sync.CurrentValue.ConflictPolicy, zoho.CurrentValue.WorkflowTrigger));
        var page = ctx.RenderWithProviders<SettingsPage>();
        page.WaitForElement("input[data-testid=pull-interval], [data-testid=pull-interval] input").Change("15");
        var policy = page.FindComponent<MudSelect<ConflictPolicy>>();
        await policy.InvokeAsync(() => policy.Instance.ValueChanged.InvokeAsync(ConflictPolicy.Manual));
        page.Find("input[data-testid=workflow-trigger], [data-testid=workflow-trigger] input").Change(true);
        page.Find("input[data-testid=delete-from-zoho], [data-testid=delete-from-zoho] input").Change(false);
        page.Find("input[data-testid=credit-budget], [data-testid=credit-budget] input").Change("1234");

        page.Find("[data-testid=save-sync-settings]").Click();

        page.WaitForAssertion(() => Assert.Equal(TimeSpan.FromMinutes(15), sync.CurrentValue.PullInterval));
        Assert.Equal(ConflictPolicy.Manual, sync.CurrentValue.ConflictPolicy);
        Assert.False(sync.CurrentValue.PropagateDeletes.FromZoho);
        Assert.True(sync.CurrentValue.PropagateDeletes.ToZoho);
        Assert.True(zoho.CurrentValue.WorkflowTrigger);
        Assert.Equal(1234, ctx.Get<IOptionsMonitor<CreditBudgetOptions>>().CurrentValue.DailyCreditBudget);
    }

    [Fact]
    public async Task A_stored_secret_is_never_rendered_back_only_that_it_is_set()
    {
        const string secret = "cs-9f8e7d6c5b4a-never-show";
        const string token = "1000.rt-0a1b2c3d4e5f-never-show";
        await ctx.Get<ZohoConnectionService>().SaveAsync(new ZohoConnectionUpdate(ZohoMode.Live, ZohoDataCenter.EU, "1000.CLIENTID", secret, token), Xunit.TestContext.Current.CancellationToken);

        var page = ctx.RenderWithProviders<SettingsPage>();

        page.WaitForAssertion(() => Assert.Equal("••••• set", page.Find("[data-testid=zoho-client-secret-state]").TextContent.Trim()));
        Assert.Equal("••••• set", page.Find("[data-testid=zoho-refresh-token-state]").TextContent.Trim());
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid=zoho-client-secret-replace]").Click();
        var input = page.Find("input[data-testid=zoho-client-secret-input], [data-testid=zoho-client-secret-input] input");
        Assert.Equal("password", input.GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(input.GetAttribute("value")));
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_the_client_secret_stores_the_new_one_encrypted_and_keeps_the_refresh_token()
    {
        await ctx.Get<ZohoConnectionService>().SaveAsync(new ZohoConnectionUpdate(ZohoMode.Live, ZohoDataCenter.US, "1000.CLIENTID", "old-secret", "old-token"), Xunit.TestContext.Current.CancellationToken);
        var page = ctx.RenderWithProviders<SettingsPage>();
        page.WaitForElement("[data-testid=zoho-client-secret-replace]").Click();
        page.Find("input[data-testid=zoho-client-secret-input], [data-testid=zoho-client-secret-input] input").Input("new-secret");

        page.Find("[data-testid=save-zoho]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=zoho-client-secret-state]")));
        var stored = await ctx.Get<ZohoSettingsStore>().GetAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(("new-secret", "old-token"), (stored.ClientSecret, stored.RefreshToken));
        Assert.DoesNotContain("new-secret", page.Markup, StringComparison.Ordinal);
    }
}
