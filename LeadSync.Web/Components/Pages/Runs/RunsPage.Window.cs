using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>
/// The custom start-time window of the runs page: read from <c>?from=…&amp;to=…</c> (see <see cref="RunsLink"/>, so a
/// dashboard bar or a shared address opens the same runs) or picked as whole UTC days in the date-range picker.
/// </summary>
public sealed partial class RunsPage
{
    private string? appliedQuery;

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

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
        var query = $"{FromQuery}|{ToQuery}";
        if (query == appliedQuery)
        {
            return;
        }

        var firstTime = appliedQuery is null;
        appliedQuery = query;
        (customFrom, customTo) = (RunsLink.Read(FromQuery), RunsLink.Read(ToQuery));
        if (customFrom is not null || customTo is not null)
        {
            range = RunTimeRange.Custom;
        }
        else if (range == RunTimeRange.Custom)
        {
            range = RunTimeRange.Any;
        }

        if (!firstTime)
        {
            await ReloadFirstPageAsync();
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
