using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadValidatorTests
{
    private const string Emoji = "👩‍💻"; // one character as a person sees it (a ZWJ sequence of 5 UTF-16 units)

    private static LeadFields Valid() => new("Ada", "Lovelace", "ada@example.com", "+44 20 7946 0958", "Contacted", "Analytical Engines");

    private static LeadFields WithField(string field, string? value) => Valid().With(field, value);

    private static void AssertOnlyFailure(LeadFields fields, string field, string rule)
    {
        var failure = Assert.Single(LeadValidator.Validate(fields));
        Assert.Equal((field, rule), (failure.Field, failure.Rule));
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }

    [Fact]
    public void Valid_lead_has_no_failures() => Assert.Empty(LeadValidator.Validate(Valid()));

    [Fact]
    public void Only_last_name_and_email_are_required()
    {
        var fields = new LeadFields(null, "Lovelace", "ada@example.com", null, null, null);
        Assert.Empty(LeadValidator.Validate(fields));
    }

    [Theory]
    [InlineData("FirstName", 40)]
    [InlineData("LastName", 80)]
    [InlineData("Status", 120)]
    [InlineData("Company", 200)]
    public void Text_field_accepts_its_maximum_length_and_refuses_one_more(string field, int max)
    {
        Assert.Empty(LeadValidator.Validate(WithField(field, new string('x', max))));
        AssertOnlyFailure(WithField(field, new string('x', max + 1)), field, "maxLength");
    }

    [Theory]
    [InlineData("FirstName", 40)]
    [InlineData("LastName", 80)]
    [InlineData("Company", 200)]
    public void Lengths_count_an_emoji_as_one_character(string field, int max)
    {
        Assert.Empty(LeadValidator.Validate(WithField(field, string.Concat(Enumerable.Repeat(Emoji, max)))));
        AssertOnlyFailure(WithField(field, string.Concat(Enumerable.Repeat(Emoji, max + 1))), field, "maxLength");
    }

    [Theory]
    [InlineData("李", 40)]
    [InlineData("ë", 40)]
    [InlineData("e\u0308", 40)] // e + combining diaeresis: one character on screen
    public void Lengths_count_unicode_letters_as_one_character(string letter, int max)
    {
        Assert.Empty(LeadValidator.Validate(WithField("FirstName", string.Concat(Enumerable.Repeat(letter, max)))));
        AssertOnlyFailure(WithField("FirstName", string.Concat(Enumerable.Repeat(letter, max + 1))), "FirstName", "maxLength");
    }

    [Theory]
    [InlineData("Zoë", "Müller")]
    [InlineData("José", "Núñez")]
    [InlineData("李", "小龙")]
    [InlineData("Ørjan", "Ødegård")]
    [InlineData("Ada " + Emoji, "O'Brien-Smith")]
    public void Unicode_names_are_valid(string firstName, string lastName) =>
        Assert.Empty(LeadValidator.Validate(Valid() with { FirstName = firstName, LastName = lastName }));

    [Fact]
    public void Email_accepts_100_characters_and_refuses_101()
    {
        const string domain = "@example.com";
        Assert.Empty(LeadValidator.Validate(WithField("Email", new string('a', 100 - domain.Length) + domain)));
        AssertOnlyFailure(WithField("Email", new string('a', 101 - domain.Length) + domain), "Email", "maxLength");
    }

    [Fact]
    public void Phone_accepts_30_characters_and_refuses_31()
    {
        Assert.Empty(LeadValidator.Validate(WithField("Phone", new string('1', 30))));
        AssertOnlyFailure(WithField("Phone", new string('1', 31)), "Phone", "maxLength");
    }

    [Theory]
    [InlineData("a@b.co")]
    [InlineData("first.last+tag@sub.example.org")]
    [InlineData("o'brien@example.ie")]
    [InlineData("Ada.Lovelace@Example.COM")]
    [InlineData("user_name-1@my-domain.example")]
    [InlineData("  ada@example.com  ")] // surrounding blanks are trimmed before the check
    public void Email_in_a_valid_format_is_accepted(string email) =>
        Assert.Empty(LeadValidator.Validate(WithField("Email", email)));

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@example")]
    [InlineData("ada@example.c")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@exa mple.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("ada@example.com,bob@example.com")]
    [InlineData("ada@example.com.")]
    [InlineData("ada\n@example.com")]
    public void Email_in_a_bad_format_is_refused(string email) =>
        AssertOnlyFailure(WithField("Email", email), "Email", "format");

    [Fact]
    public void Email_case_does_not_matter_for_validity_and_normalises_to_lower_case()
    {
        Assert.Empty(LeadValidator.Validate(WithField("Email", "ADA@EXAMPLE.COM")));
        Assert.Equal("ada@example.com", Lead.NormalizeEmail("  ADA@Example.Com "));
        Assert.True(WithField("Email", "ADA@EXAMPLE.COM").SameValuesAs(Valid()));
        Assert.False(WithField("LastName", "LOVELACE").SameValuesAs(Valid()));
    }

    [Theory]
    [InlineData("+1 (555) 010-9999")]
    [InlineData("555.0100")]
    [InlineData("030/1234567")]
    [InlineData("555-0100 x12")]
    [InlineData("555-0100 X12")]
    [InlineData("7")]
    public void Phone_with_digits_spaces_and_dial_characters_is_accepted(string phone) =>
        Assert.Empty(LeadValidator.Validate(WithField("Phone", phone)));

    [Theory]
    [InlineData("abc")]
    [InlineData("555-CALL")]
    [InlineData("+++")]
    [InlineData("()-.")]
    [InlineData("555#1")]
    [InlineData("555*1")]
    [InlineData("٣٣٣٣")] // Arabic-Indic digits: Zoho phone fields take ASCII digits
    [InlineData("555\n0100")]
    [InlineData("555\t0100")]
    public void Phone_with_other_characters_or_no_digit_is_refused(string phone) =>
        AssertOnlyFailure(WithField("Phone", phone), "Phone", "format");

    [Theory]
    [InlineData("FirstName")]
    [InlineData("LastName")]
    [InlineData("Status")]
    [InlineData("Company")]
    public void Text_field_refuses_control_characters_inside(string field)
    {
        foreach (var bad in new[] { "Ada\nLovelace", "Ada\r\nLovelace", "Ada\tLovelace", "Ada\0", "Ada\u0007x", "A\u007Fda" })
        {
            AssertOnlyFailure(WithField(field, bad), field, "characters");
        }
    }

    [Fact]
    public void Blanks_around_values_are_trimmed_not_refused() =>
        Assert.Empty(LeadValidator.Validate(new LeadFields("\tAda\n", "  Lovelace ", " ada@example.com\r\n", " 555 ", " Contacted ", " ACME ")));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Last_name_is_required(string lastName) => AssertOnlyFailure(WithField("LastName", lastName), "LastName", "required");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Email_is_required(string email) => AssertOnlyFailure(WithField("Email", email), "Email", "required");

    [Fact]
    public void Every_broken_rule_is_reported_with_its_field()
    {
        var failures = LeadValidator.Validate(new LeadFields(new string('x', 41), "", "not-an-email", "call me", "a\nb", new string('c', 201)));

        Assert.Equal(
            [("FirstName", "maxLength"), ("LastName", "required"), ("Email", "format"), ("Phone", "format"), ("Status", "characters"), ("Company", "maxLength")],
            failures.Select(f => (f.Field, f.Rule)).ToArray());
    }

    [Fact]
    public void EnsureValid_throws_with_the_failures()
    {
        var exception = Assert.Throws<LeadValidationException>(() => LeadValidator.EnsureValid(WithField("Email", "nope")));
        var failure = Assert.Single(exception.Failures);
        Assert.Equal(("Email", "format"), (failure.Field, failure.Rule));
        Assert.Contains("Email", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1234567890123456789", true)]
    [InlineData("12345678901234567890", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("12a4", false)]
    [InlineData("-123", false)]
    public void Zoho_id_is_1_to_19_ascii_digits(string? id, bool valid) => Assert.Equal(valid, LeadValidator.IsValidZohoId(id));
}
