using System.Globalization;
using System.Text;

namespace LeadSync.Core.Diagnostics;

/// <summary>
/// Makes a value that came from outside (a request field) safe to put in a log line: control characters are written
/// as escapes (a newline cannot start a forged log line) and the value is cut at <see cref="MaxLength"/> characters.
/// </summary>
public static class LogValue
{
    public const int MaxLength = 100;

    public static string Sanitize(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 8);
        foreach (var c in value.Length > MaxLength ? value[..MaxLength] : value)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return value.Length > MaxLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
