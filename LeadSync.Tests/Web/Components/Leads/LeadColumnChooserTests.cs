using Bunit;
using Bunit.Rendering;
using LeadSync.Core.Fields;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>The Leads page's column chooser: every mapped extra field with its label and kind, ticking shows a column.</summary>
public sealed class LeadColumnChooserTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();
    private readonly IReadOnlyList<MappedField> mapped = new SampleMappedFields().Fields;
    private readonly List<IReadOnlyList<string>> chosen = [];

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private IRenderedComponent<ContainerFragment> Popover { get; set; } = default!;

    /// <summary>The chooser beside a popover provider (its menu opens there), opened.</summary>
    private void Render(IReadOnlyCollection<string> shown, IReadOnlyList<MappedField>? fields = null)
    {
        Popover = ctx.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<LeadColumnChooser>(1);
            builder.AddAttribute(2, nameof(LeadColumnChooser.Fields), fields ?? mapped);
            builder.AddAttribute(3, nameof(LeadColumnChooser.Shown), shown);
            builder.AddAttribute(4, nameof(LeadColumnChooser.ShownChanged), EventCallback.Factory.Create<IReadOnlyList<string>>(this, v => chosen.Add(v)));
            builder.CloseComponent();
        });
        Popover.Find("[data-testid=column-chooser] button").Click();
    }

    [Fact]
    public void Lists_every_mapped_extra_field_with_its_label_and_kind_and_ticks_the_shown_ones()
    {
        Render(["Annual_Revenue", "Industry"]);

        var choices = Popover.WaitForElements("[data-testid=column-choice]");
        Assert.Equal(mapped.Select(f => f.ApiName), choices.Select(c => c.GetAttribute("data-field")));
        Assert.Contains("Annual Revenue · Currency", choices[4].TextContent, StringComparison.Ordinal);
        Assert.Contains("Interests · Multi-select", choices[7].TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Industry", "Annual_Revenue"],
            choices.Where(c => ((AngleSharp.Html.Dom.IHtmlInputElement)c.QuerySelector("input[type=checkbox]")!).IsChecked).Select(c => c.GetAttribute("data-field")));
    }

    [Fact]
    public void Ticking_a_field_adds_its_column_and_unticking_removes_it_in_the_mapping_s_order()
    {
        Render(["Annual_Revenue"]);

        Popover.WaitForElement("[data-testid=column-choice][data-field=Email_Opt_Out] input").Change(true);
        Popover.WaitForElement("[data-testid=column-choice][data-field=Industry] input").Change(true);

        Assert.Equal(["Annual_Revenue", "Email_Opt_Out"], chosen[0]);
        Assert.Equal(["Industry", "Annual_Revenue"], chosen[1]);
    }

    [Fact]
    public void Says_where_to_map_fields_when_none_are_mapped()
    {
        Render([], []);

        Assert.Contains("Settings → Field mapping", Popover.WaitForElement("[data-testid=column-chooser-empty]").TextContent, StringComparison.Ordinal);
    }
}
