using Bunit;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Sandbox;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Web.Components.Sandbox;

/// <summary>The sandbox page's fault panel sets the Bulk faults (docs/zoho §6) and keeps those set elsewhere when applying.</summary>
public sealed class SandboxFaultsPanelTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public SandboxFaultsPanelTests()
    {
        ctx.Services.AddSingleton(Options.Create(new ZohoSandboxOptions()));
        ctx.Services.AddSingleton<SandboxFaultInjector>();
    }

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public void Failing_downloads_are_set_from_the_panel_and_a_lost_callback_set_through_the_control_api_is_kept()
    {
        var faults = ctx.Services.GetRequiredService<SandboxFaultInjector>();
        faults.Apply(new SandboxFaultPatch { BulkCallbackLossRate = 1 });
        var page = ctx.RenderWithProviders<SandboxFaultsPanel>();

        page.Find("[data-testid=sandbox-faults] .mud-expand-panel-header").Click();
        page.WaitForElement("input[data-testid=fault-bulk-downloads], [data-testid=fault-bulk-downloads] input").Change("3");
        page.Find("[data-testid=fault-apply]").Click();

        Assert.Equal(3, faults.Current.BulkDownloadFailures);
        Assert.Equal(500, faults.Current.BulkDownloadFailureStatus);
        Assert.Equal(1, faults.Current.BulkCallbackLossRate);
    }
}
