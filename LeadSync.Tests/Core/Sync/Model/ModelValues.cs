using System.Globalization;
using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// The values a sequence writes: a word from a small pool per field (so both sides often touch the same field with
/// look-alike values), tagged with the sequence's write number so every written value is unique. A value seen
/// anywhere then names the one write it came from, which is what the reference model's "who saw what" rests on.
/// All values keep Zoho's and LeadSync's field rules (<see cref="LeadFieldRules"/>).
/// </summary>
internal static class ModelValues
{
    public static IReadOnlyList<string> Fields => LeadFields.Names;

    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Barbara"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Liskov"];
    private static readonly string[] Companies = ["Acme", "Globex", "Initech", "Umbrella"];
    private static readonly string[] Statuses = ["Contacted", "Not Contacted", "Pre-Qualified", "Junk Lead"];
    private static readonly string[] Mailboxes = ["ada", "grace", "alan", "barbara"];

    public static IEnumerable<string> FieldsOf(int mask) => Fields.Where((_, i) => (mask & (1 << i)) != 0);

    /// <summary>A word the bulk push filters on (1–3; 0 means every lead).</summary>
    public static string SearchWord(int word) => Companies[word % Companies.Length].ToLowerInvariant();

    public static string Make(string field, int word, int n)
    {
        var w = Math.Abs(word) % 4;
        var tag = n.ToString(CultureInfo.InvariantCulture);
        return field switch
        {
            "FirstName" => $"{FirstNames[w]} {tag}",
            "LastName" => $"{LastNames[w]} {tag}",
            "Email" => $"{Mailboxes[w]}.{tag}@example.com",
            "Phone" => $"+1 555 {n.ToString("D4", CultureInfo.InvariantCulture)}",
            "Status" => $"{Statuses[w]} {tag}",
            "Company" => $"{Companies[w]} {tag}",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown lead field."),
        };
    }

    /// <summary>All six fields of a new lead, each a fresh value.</summary>
    public static LeadFields NewLead(int word, Func<int> next) =>
        new(Make("FirstName", word, next()), Make("LastName", word, next()), Make("Email", word, next()),
            Make("Phone", word, next()), Make("Status", word, next()), Make("Company", word, next()));

    /// <summary>The same address in a letter case not used before (<paramref name="used"/>), differing from <paramref name="email"/>.</summary>
    public static string CaseVariant(string email, Func<string, bool> used)
    {
        ArgumentNullException.ThrowIfNull(email);
        for (var mask = 1; mask < 1 << 16; mask++)
        {
            var chars = email.ToLowerInvariant().ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if ((mask & (1 << (i % 16))) != 0)
                {
                    chars[i] = char.ToUpperInvariant(chars[i]);
                }
            }

            var candidate = new string(chars);
            if (!string.Equals(candidate, email, StringComparison.Ordinal) && !used(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No unused letter case left for {email}.");
    }
}
