using System.Text.Json;
using Microsoft.JSInterop;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Where an admin's choice of extra-field columns lives between visits: the browser's local storage, one entry per
/// signed-in admin (a column choice is a display preference of one person on one browser, like the theme). What is
/// stored is a list of API names; names no longer mapped are ignored when read, so an unmapped field's column simply
/// goes away. Unreadable content counts as no choice.
/// </summary>
internal static class LeadColumnStore
{
    private const string KeyPrefix = "leadsync:lead-columns:";

    public static async Task<IReadOnlyList<string>> LoadAsync(IJSRuntime js, string admin)
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", KeyPrefix + admin);
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(stored)?.Where(n => !string.IsNullOrEmpty(n)).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static ValueTask SaveAsync(IJSRuntime js, string admin, IReadOnlyList<string> columns) =>
        js.InvokeVoidAsync("localStorage.setItem", KeyPrefix + admin, JsonSerializer.Serialize(columns));
}
