using LeadSync.Core.Leads;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Values LeadSync once accepted and Zoho refused on push (issue 11, point 6), and edge values both accept. Zoho counts
/// lengths in UTF-16 units (docs/decisions/0009-validation-counts-what-zoho-counts.md). Each case is
/// (what, LeadSync field, value[, rule]).
/// </summary>
public static class ZohoAgreementCases
{
    public static TheoryData<string, string, string, string> Refused { get; } = new()
    {
        { "a + 300 combining marks", "LastName", "a" + new string('\u0301', 300), ValidationRules.MaxLength },
        { "40 emoji (80 units)", "FirstName", Repeat("🚀", 40), ValidationRules.MaxLength },
        { "80 × e + combining acute (160 units)", "LastName", Repeat("e\u0301", 80), ValidationRules.MaxLength },
        { "upper-case X before an extension", "Phone", "555 123 X 12", ValidationRules.Format },
        { "only a zero-width space", "LastName", "\u200B", ValidationRules.Visible },
        { "dot just before the @", "Email", "a.@x.test", ValidationRules.Format },
        { "domain starting with a hyphen", "Email", "a@-x.test", ValidationRules.Format },
        { "full-width a", "Email", "ａ@x.test", ValidationRules.Format },
        { "right-to-left override", "Email", "ada\u202E@x.test", ValidationRules.Format },
        { "zero-width space", "Email", "ada\u200B@x.test", ValidationRules.Format },
    };

    public static TheoryData<string, string, string> Accepted { get; } = new()
    {
        { "20 emoji (40 units)", "FirstName", Repeat("🚀", 20) },
        { "40 × e + combining acute (80 units)", "LastName", Repeat("e\u0301", 40) },
        { "Zoë", "FirstName", "Zoë" },
        { "phone with an x extension", "Phone", "+1 (555) 123-4567 x12" },
        { "dot-atom email", "Email", "o'brien+tag@mail.example.co.uk" },
    };

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
