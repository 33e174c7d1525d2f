using System.Globalization;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Web.Components.Shared;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// How a grid cell writes an extra value by its field's kind: currency and decimals with two places and group
/// separators, whole numbers grouped, percent with its sign, dates as <c>yyyy-MM-dd</c>, date-times in UTC like every
/// other time on the page (<see cref="TimeDisplay"/>). Booleans, multi-selects and long text have their own markup in
/// <c>ExtraFieldCell</c>.
/// </summary>
internal static class ExtraFieldDisplay
{
    /// <summary>Text longer than this is cut in the cell, whole in its tooltip.</summary>
    public const int ShortTextLength = 24;

    public static string Text(ZohoFieldType type, FieldValue value) => type switch
    {
        ZohoFieldType.Currency or ZohoFieldType.DecimalNumber when value.AsNumber is { } n => n.ToString("N2", CultureInfo.InvariantCulture),
        ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber when value.AsNumber is { } n => n.ToString("N0", CultureInfo.InvariantCulture),
        ZohoFieldType.Percent when value.AsNumber is { } n => n.ToString("0.##", CultureInfo.InvariantCulture) + " %",
        ZohoFieldType.DateTime when value.AsDateTime is { } t => TimeDisplay.Exact(t)[..16] + " UTC",
        _ => value.Display,
    };

    /// <summary>True when the cell shows a cut text with the whole one in a tooltip.</summary>
    public static bool IsLong(string text) => text.Length > ShortTextLength || text.Contains('\n', StringComparison.Ordinal);

    public static string Short(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > ShortTextLength ? line[..ShortTextLength].TrimEnd() + "…" : line + (line.Length < text.Length ? " …" : string.Empty);
    }

    /// <summary>Numbers align right, like the grid's other figures would.</summary>
    public static bool IsNumber(ZohoFieldType type) => FieldValueCodec.KindOf(type) == FieldValueKind.Number;
}
