using Bunit;
using Bunit.Rendering;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Layout;

public sealed class NavMenuTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private IRenderedComponent<ContainerFragment> RenderNav(string path, bool collapsed)
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return ctx.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NavMenu>(1);
            builder.AddComponentParameter(2, nameof(NavMenu.Collapsed), collapsed);
            builder.CloseComponent();
        });
    }

    [Fact]
    public void Every_entry_of_the_rail_has_an_accessible_name_and_only_the_current_page_is_marked_current()
    {
        var nav = RenderNav("/runs", collapsed: true);

        var links = nav.FindAll("a.mud-nav-link");
        Assert.Equal(10, links.Count);
        Assert.All(links, link => Assert.Equal(link.TextContent.Trim(), link.GetAttribute("aria-label")));
        Assert.Equal(
            ["Dashboard", "Leads", "Sync runs", "Conflicts", "Failures", "Zoho CRM (sandbox)", "Zoho & sync settings", "Field mapping", "API keys", "Admins"],
            links.Select(l => l.GetAttribute("aria-label")));
        var current = Assert.Single(nav.FindAll("[aria-current=page]"));
        Assert.Equal("nav-runs", current.GetAttribute("data-testid"));
        Assert.Contains("active", current.ClassList);
    }

    [Fact]
    public void The_current_page_follows_navigation()
    {
        var nav = RenderNav("/settings/api-keys", collapsed: true);

        nav.WaitForAssertion(() => Assert.Equal("nav-api-keys", Assert.Single(nav.FindAll("[aria-current=page]")).GetAttribute("data-testid")));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/");
        nav.WaitForAssertion(() => Assert.Equal("nav-dashboard", Assert.Single(nav.FindAll("[aria-current=page]")).GetAttribute("data-testid")));
    }

    [Fact]
    public void Focusing_an_entry_of_the_rail_shows_its_label_in_a_tooltip()
    {
        var nav = RenderNav("/leads", collapsed: true);
        Assert.DoesNotContain(nav.FindAll(".mud-tooltip"), t => t.TextContent.Contains("Failures", StringComparison.Ordinal));

        nav.Find("[data-testid=nav-failures-tooltip]").FocusIn();

        nav.WaitForAssertion(() => Assert.Contains(nav.FindAll(".mud-tooltip"), t => t.TextContent.Trim() == "Failures"));
    }

    [Fact]
    public void The_open_drawer_shows_labels_and_no_tooltips()
    {
        var nav = RenderNav("/leads", collapsed: false);

        nav.Find("[data-testid=nav-failures-tooltip]").FocusIn();

        Assert.Equal("Settings", nav.Find("[data-testid=nav-settings-title]").TextContent.Trim());
        Assert.DoesNotContain(nav.FindAll(".mud-tooltip"), t => t.TextContent.Contains("Failures", StringComparison.Ordinal));
    }
}
