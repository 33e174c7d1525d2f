using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>
/// The runs page's filters live in its address (<see cref="RunsLink"/>): read when the page opens or the address changes
/// (a dashboard bar, a shared link), written back — replacing the history entry — whenever the user filters. The custom
/// start-time window is picked as whole UTC days in the date-range picker.
/// </summary>
public sealed partial class RunsPage
{
    private string? appliedUrl;

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "trigger")]
    public string? TriggerQuery { get; set; }

    [SupplyParameterFromQuery(Name = "outcome")]
    public string? OutcomeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    private RunsView CurrentView => new(kind, trigger, outcome, range, customFrom, customTo);

    private DateRange? CustomDays => customFrom is null && customTo is null
        ? null
        : new DateRange(customFrom?.UtcDateTime.Date, customTo?.UtcDateTime.AddTicks(-1).Date);

    private string WindowText => (customFrom, customTo) switch
    {
        (null, null) => "Pick the days",
        ({ } f, null) => $"From {Show(f)}",
        (null, { } t) => $"Before {Show(t)}",
        ({ } f, { } t) when f.UtcDateTime.Date == t.UtcDateTime.Date =>
            $"{f.ToUniversalTime().ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} – {t.ToUniversalTime().ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)}",
        ({ } f, { } t) => $"{Show(f)} – {Show(t)}",
    };

    protected override async Task OnParametersSetAsync()
    {
        var view = RunsLink.Parse(KindQuery, TriggerQuery, OutcomeQuery, RangeQuery, (FromQuery, ToQuery));
        var url = RunsLink.For(view);
        if (url == appliedUrl)
        {
            return; // our own write, or the same view
        }

        var firstTime = appliedUrl is null;
        appliedUrl = url;
        (kind, trigger, outcome, range, customFrom, customTo) = (view.Kind, view.Trigger, view.Outcome, view.Range, view.From, view.To);
        if (!firstTime)
        {
            await ReloadFirstPageAsync();
        }
    }

    /// <summary>Puts the current filters into the address when they differ from it.</summary>
    private void WriteUrl()
    {
        var url = RunsLink.For(CurrentView);
        if (url != appliedUrl)
        {
            appliedUrl = url;
            Navigation.NavigateTo(url, replace: true);
        }
    }

    private Task OnCustomDaysChangedAsync(DateRange? days)
    {
        customFrom = days?.Start is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start.Date, DateTimeKind.Utc)) : null;
        customTo = days?.End is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Utc)) : null;
        return ReloadFirstPageAsync();
    }

    private static string Show(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
