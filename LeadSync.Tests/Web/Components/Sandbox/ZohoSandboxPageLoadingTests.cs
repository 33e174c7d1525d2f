using Bunit;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Sandbox;
using LeadSync.ZohoSandbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Sandbox;

/// <summary>The sandbox page over the real sandbox services (its own data folder); the mode decision waits on the database gate.</summary>
public sealed class ZohoSandboxPageLoadingTests : IAsyncLifetime
{
    private readonly string sandboxFolder = Path.Combine(Path.GetTempPath(), "leadsync-tests", "sandbox-page-" + Guid.NewGuid().ToString("N"));
    private readonly ConsoleTestContext ctx = new();
    private readonly DatabaseGate database;

    public ZohoSandboxPageLoadingTests()
    {
        Directory.CreateDirectory(sandboxFolder);
        ctx.Services.AddZohoSandbox(sandboxFolder);
        ctx.Services.AddSingleton<IBuiltInZohoEndpoint, ConfiguredBuiltInZohoEndpoint>();
        database = DatabaseGate.Install(ctx.Services);
    }

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(sandboxFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Until_the_sandbox_answers_the_page_says_it_is_loading_then_an_empty_sandbox_says_it_holds_no_leads()
    {
        database.Close();
        var page = ctx.RenderWithProviders<ZohoSandboxPage>();

        page.WaitForElement("[data-testid=sandbox-loading]");
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("true", page.Find("[data-testid=sandbox-loading]").GetAttribute("aria-busy"));
        Assert.Empty(page.FindAll("[data-testid=sandbox-empty]"));
        Assert.DoesNotContain("holds no leads yet", page.Markup, StringComparison.Ordinal);

        database.Open();

        page.WaitForAssertion(() => Assert.Equal("The sandbox holds no leads yet.", page.Find("[data-testid=sandbox-empty]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=sandbox-loading]"));
        Assert.Equal("false", page.Find("[data-testid=sandbox-grid]").GetAttribute("aria-busy"));
    }
}
