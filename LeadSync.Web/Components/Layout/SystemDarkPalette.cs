using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace LeadSync.Web.Components.Layout;

/// <summary>
/// The dark palette's CSS variables behind <c>@media (prefers-color-scheme: dark)</c>, for visitors who made no
/// light/dark choice. The server cannot know the operating system's preference, and the circuit that asks it comes up
/// a second or two after the first paint: without this style an OS-dark visitor would see the light palette until then.
/// Rendered after the page's <see cref="MudThemeProvider"/>, so on an OS-dark screen these variables win from the first
/// paint; on an OS-light one the rule does not apply. It builds the variables with MudBlazor's own generator (in dark
/// mode; the markup passes IsDarkMode="true" and ObserveSystemDarkModeChange="false") and renders only the style.
/// </summary>
public sealed class SystemDarkPalette : MudThemeProvider
{
    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        __builder.AddMarkupContent(0, $"<style class=\"leadsync-system-dark-palette\">@media (prefers-color-scheme: dark) {{\n{RootRule(BuildTheme())}\n}}</style>");
    }

    /// <summary>The <c>:root{…}</c> rule inside the <c>&lt;style&gt;</c> element <see cref="MudThemeProvider.BuildTheme"/> returns.</summary>
    private static string RootRule(string themeStyle)
    {
        var start = themeStyle.IndexOf(":root", StringComparison.Ordinal);
        var end = themeStyle.LastIndexOf("</style>", StringComparison.Ordinal);
        return start >= 0 && end > start ? themeStyle[start..end] : string.Empty;
    }
}
