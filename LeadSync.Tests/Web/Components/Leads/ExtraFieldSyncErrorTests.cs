using Bunit;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>A lead's per-field sync error shown beside the field's editor in the lead dialog (docs/extra-fields.md).</summary>
public sealed class ExtraFieldSyncErrorTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync()
    {
        ctx.Services.AddSingleton<IMappedFields>(new SampleMappedFields());
        return new(ctx.InitializeAsync());
    }

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public void The_lead_dialogs_editor_shows_its_fields_sync_error_and_what_to_do()
    {
        var errors = new[] { new FieldErrorView("Industry", "Industry", FieldErrorDirection.Push, "INVALID_DATA", "Industry: the value is not in the picklist", DateTimeOffset.UtcNow) };

        var editors = ctx.Render<ExtraFieldEditors>(p => p
            .Add(x => x.Values, LeadFieldValues.Empty.With("Industry", FieldValue.Text("Retail")))
            .Add(x => x.SyncErrors, errors));

        editors.WaitForAssertion(() => Assert.NotNull(editors.Find("[data-testid=field-error-Industry]")));
        Assert.Contains("Not synced to Zoho · INVALID_DATA", editors.Find("[data-testid=field-error-Industry]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Industry: the value is not in the picklist", editors.Find("[data-testid=field-error-message-Industry]").TextContent.Trim());
        Assert.Contains("The lead's other fields are synced", editors.Find("[data-testid=field-error-advice-Industry]").TextContent, StringComparison.Ordinal);
        Assert.Contains("One field does not sync", editors.Find("[data-testid=field-errors-summary]").TextContent, StringComparison.Ordinal);
        Assert.Empty(editors.FindAll("[data-testid^=field-error-Designation]"));
    }
}
