namespace LeadSync.Web.Components.Layout;

/// <summary>
/// The console's light/dark choice. <see cref="System"/> (the default) follows the operating system; the others stick.
/// Kept in the <see cref="ThemeCookie"/> so the first server render already paints the right palette.
/// </summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

/// <summary>
/// Where the theme choice lives between visits: a cookie (written by <c>wwwroot/js/theme.js</c>, read by the server on
/// each page request) so a reload neither forgets the choice nor flashes the other palette before the circuit is up.
/// </summary>
public static class ThemeCookie
{
    /// <summary>The cookie's name; its value is the <see cref="ThemeChoice"/> in lower case.</summary>
    public const string Name = "leadsync-theme";

    /// <summary>The choice in a request's cookie; <see cref="ThemeChoice.System"/> when there is none or it is not one.</summary>
    public static ThemeChoice Read(HttpContext? context) =>
        Parse(context?.Request.Cookies[Name]);

    public static ThemeChoice Parse(string? value) => value switch
    {
        "light" => ThemeChoice.Light,
        "dark" => ThemeChoice.Dark,
        _ => ThemeChoice.System,
    };

    public static string Value(ThemeChoice choice) => choice.ToString().ToLowerInvariant();
}
