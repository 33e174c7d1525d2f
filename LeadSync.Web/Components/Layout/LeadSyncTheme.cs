using MudBlazor;

namespace LeadSync.Web.Components.Layout;

/// <summary>The console's palette, light and dark, with the system font stack (no web fonts to fetch).</summary>
internal static class LeadSyncTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#1565c0",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
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
