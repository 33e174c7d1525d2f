using System.Text;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace LeadSync.Web.Components.Account;

/// <summary>
/// The console theme's dark palette as a <c>&lt;style media="(prefers-color-scheme: dark)"&gt;</c> block. The sign-in and
/// setup pages render statically (no circuit, so <see cref="MudThemeProvider"/> cannot ask the browser for its
/// preference); this lets the browser itself pick the dark palette for an OS in dark mode, with no script and no flash.
/// Place it, with <c>IsDarkMode="true"</c>, after the light <see cref="MudThemeProvider"/>: same selector, so the later
/// rule wins while the media query matches.
/// </summary>
public sealed class PreferredDarkPalette : MudThemeProvider
{
    /// <summary>The media query under which the dark palette applies.</summary>
    public const string Media = "(prefers-color-scheme: dark)";

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        var css = new StringBuilder();
        GenerateTheme(css);
        __builder.OpenElement(0, "style");
        __builder.AddAttribute(1, "media", Media);
        // The theme's own values (colours, shadows, font names), never user input: markup, so CSS quotes stay quotes.
        __builder.AddMarkupContent(2, $":root{{{css}color-scheme:dark;}}");
        __builder.CloseElement();
    }
}
