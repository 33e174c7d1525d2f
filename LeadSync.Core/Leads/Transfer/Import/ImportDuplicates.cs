namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The emails met so far in one file (compared as <see cref="Lead.NormalizeEmail"/> does) and the row that first had
/// each: a later row with the same email is refused, naming that row. Only valid rows claim an email, so a broken row
/// does not make a good one after it a duplicate. Rebuilt from the file on resume (the checks are deterministic).
/// </summary>
public sealed class ImportDuplicates
{
    private readonly Dictionary<string, int> firstRows = new(StringComparer.Ordinal);

    /// <summary>Claims the email for <paramref name="rowNumber"/>; returns the earlier row that holds it, or null.</summary>
    public int? Claim(string email, int rowNumber)
    {
        var key = Lead.NormalizeEmail(email);
        if (firstRows.TryGetValue(key, out var earlier))
        {
            return earlier;
        }

        firstRows[key] = rowNumber;
        return null;
    }
}
