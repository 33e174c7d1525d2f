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
        var builder = __builder;
        builder.OpenElement(0, "style");
        builder.AddAttribute(1, "class", "leadsync-system-dark-palette");
        builder.AddContent(2, "@media (prefers-color-scheme: dark) {\n" + BuildTheme() + "\n}");
        builder.CloseElement();
    }
}
