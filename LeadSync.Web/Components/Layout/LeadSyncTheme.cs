using MudBlazor;

namespace LeadSync.Web.Components.Layout;

/// <summary>
/// The console's palette, light and dark, with the system font stack (no web fonts to fetch). The status colours are
/// darker (light) and lighter (dark) than MudBlazor's defaults so that a chip's text, a text button and white (light) or
/// dark (dark) text on a filled one all reach WCAG AA contrast (4.5:1), which axe-core checks on every page.
/// </summary>
internal static class LeadSyncTheme
{
    /// <summary>Text on the dark palette's light status colours (white on them would be about 2:1).</summary>
    private const string DarkText = "#14171c";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00695c",
            Success = "#1b5e20",
            Info = "#01579b",
            Warning = "#9a4500",
            Error = "#b71c1c",
            AppbarBackground = "#1565c0",
            Background = "#f5f7fa",
            TextSecondary = "#5f6368", // MudBlazor's 54 % black is 4.3:1 on this background
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            PrimaryContrastText = DarkText,
            Secondary = "#4db6ac",
            SecondaryContrastText = DarkText,
            Success = "#81c784",
            SuccessContrastText = DarkText,
            Info = "#4fc3f7",
            InfoContrastText = DarkText,
            Warning = "#ffb74d",
            WarningContrastText = DarkText,
            Error = "#ef9a9a",
            ErrorContrastText = DarkText,
            AppbarBackground = "#1e232b",
            Background = "#14171c",
            Surface = "#1e232b",
            DrawerBackground = "#1a1e24",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
