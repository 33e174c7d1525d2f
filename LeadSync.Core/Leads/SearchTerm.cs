namespace LeadSync.Core.Leads;

/// <summary>
/// What quick search looks for: the trimmed, lower-cased text. Stored lead fields never hold control characters or
/// broken UTF-16 (the field rules refuse them), so a term carrying one (a NUL byte from a URL, a lone surrogate) matches
/// nothing — and is never handed to the database, where SQLite's FTS5 and PostgreSQL would refuse it with an error.
/// </summary>
public sealed record SearchTerm(string Text, bool CanMatch)
{
    /// <summary>Longer terms cannot match (no searchable field set is this long) and are not sent to the database.</summary>
    public const int MaxLength = 500;

    /// <summary>The term for a search text, or null when there is nothing to search for.</summary>
    public static SearchTerm? From(string? search)
    {
        var text = search?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var canMatch = text.Length <= MaxLength && !text.Any(char.IsControl) && IsWellFormed(text);
        return new SearchTerm(canMatch ? text.ToLowerInvariant() : string.Empty, canMatch);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
