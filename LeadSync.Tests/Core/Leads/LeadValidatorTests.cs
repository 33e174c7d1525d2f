using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadValidatorTests
{
    private const string Emoji = "👩‍💻"; // one character as a person sees it (a ZWJ sequence of 5 UTF-16 units)
    private const string Rocket = "🚀"; // one character, 2 UTF-16 units (a surrogate pair)
    private const string AcuteE = "e\u0301"; // e + combining acute accent: one character on screen, 2 UTF-16 units

    private static LeadFields Valid() => new("Ada", "Lovelace", "ada@example.com", "+44 20 7946 0958", "Contacted", "Analytical Engines");

    private static LeadFields WithField(string field, string? value) => Valid().With(field, value);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

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

    // Zoho counts UTF-16 code units (string.Length), not characters as a person sees them: a rocket is 2 units,
    // so 20 fit a 40-unit first name and 40 do not, though they look like 40 characters.
    [Theory]
    [InlineData("FirstName", 40)]
    [InlineData("LastName", 80)]
    [InlineData("Company", 200)]
    public void Lengths_count_utf16_units_so_an_emoji_counts_as_two(string field, int max)
    {
        Assert.Empty(LeadValidator.Validate(WithField(field, Repeat(Rocket, max / 2))));
        AssertOnlyFailure(WithField(field, Repeat(Rocket, (max / 2) + 1)), field, "maxLength");
        AssertOnlyFailure(WithField(field, Repeat(Rocket, max)), field, "maxLength");
    }

    [Fact]
    public void Lengths_count_every_unit_of_an_emoji_sequence()
    {
        Assert.Empty(LeadValidator.Validate(WithField("FirstName", Repeat(Emoji, 8)))); // 8 × 5 = 40 units
        AssertOnlyFailure(WithField("FirstName", Repeat(Emoji, 9)), "FirstName", "maxLength");
    }

    [Fact]
    public void Lengths_count_a_combining_accent_as_a_unit_of_its_own()
    {
        Assert.Empty(LeadValidator.Validate(WithField("LastName", Repeat(AcuteE, 40)))); // 80 units
        AssertOnlyFailure(WithField("LastName", Repeat(AcuteE, 80)), "LastName", "maxLength"); // 80 on screen, 160 units
        Assert.Empty(LeadValidator.Validate(WithField("FirstName", Repeat(AcuteE, 20))));
        AssertOnlyFailure(WithField("FirstName", Repeat(AcuteE, 21)), "FirstName", "maxLength");
    }

    [Theory]
    [InlineData("FirstName")]
    [InlineData("LastName")]
    [InlineData("Company")]
    public void A_letter_carrying_300_combining_marks_is_too_long_though_it_shows_as_one(string field) =>
        AssertOnlyFailure(WithField(field, "a" + new string('\u0301', 300)), field, "maxLength");

    [Fact]
    public void Too_long_message_names_the_field_the_limit_and_the_unit()
    {
        var failure = Assert.Single(LeadValidator.Validate(WithField("LastName", Repeat(AcuteE, 80))));
        Assert.StartsWith("Last name must be at most 80 characters", failure.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-16", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("李")]
    [InlineData("ë")] // precomposed U+00EB: one unit
    [InlineData("x")]
    public void Letters_of_one_unit_fill_a_field_to_its_maximum(string letter)
    {
        Assert.Empty(LeadValidator.Validate(WithField("FirstName", Repeat(letter, 40))));
        AssertOnlyFailure(WithField("FirstName", Repeat(letter, 41)), "FirstName", "maxLength");
    }

    [Theory]
    [InlineData("FirstName", "\u200B")] // zero-width space
    [InlineData("LastName", "\u200B")]
    [InlineData("Company", "\u200B")]
    [InlineData("LastName", "\u200B\u200C\u200D\u2060\uFEFF")] // zero-width space, non-joiner, joiner, word joiner, BOM
    [InlineData("LastName", "\u00AD")] // soft hyphen (format character)
    [InlineData("LastName", "\u202E\u2066\u2069")] // bidi controls
    [InlineData("LastName", "\u0301\u0308")] // combining marks with nothing to sit on
    [InlineData("LastName", " \u200B \u3000\u200B ")] // spaces around zero-width spaces
    public void Name_made_only_of_invisible_characters_is_refused(string field, string value) =>
        AssertOnlyFailure(WithField(field, value), field, "visible");

    [Fact]
    public void Invisible_name_message_asks_for_a_visible_character()
    {
        var failure = Assert.Single(LeadValidator.Validate(WithField("LastName", "\u200B")));
        Assert.Contains("Last name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("visible character", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("7")]
    [InlineData("-")] // punctuation
    [InlineData("€")] // symbol
    [InlineData("\u200BAda\u200B")] // zero-width characters around a visible name
    [InlineData(Rocket)] // a symbol outside the BMP (a surrogate pair)
    public void Name_with_one_visible_character_is_accepted(string value) =>
        Assert.Empty(LeadValidator.Validate(WithField("LastName", value)));

    [Theory]
    [InlineData("Zoë", "Müller")]
    [InlineData("José", "Núñez")]
    [InlineData("李", "小龙")]
    [InlineData("Ørjan", "Ødegård")]
    [InlineData("Ada " + Emoji, "O'Brien-Smith")]
    [InlineData("Zoe\u0308", "Mu\u0308ller")] // the same names with combining accents
    [InlineData("Zoë", "مریم\u200Cزاده")] // a zero-width non-joiner inside a Persian name
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
    [InlineData("o'brien+tag@mail.example.co.uk")]
    [InlineData("a!#$%&'*+/=?^_`{|}~-z@x.test")] // every symbol a dot-atom allows
    [InlineData("a.b.c@x-y.example")]
    [InlineData("a@x.test")]
    [InlineData("ada@123.example")] // digits in a label other than the last
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
    [InlineData("a.@x.test")] // dot last in the local part
    [InlineData(".a@x.test")] // dot first
    [InlineData("a..b@x.test")] // dots doubled
    [InlineData("a@-x.test")] // label starting with a hyphen
    [InlineData("a@x-.test")] // label ending with a hyphen
    [InlineData("a@x..test")] // empty label
    [InlineData("a@.x.test")]
    [InlineData("a@x")] // one label
    [InlineData("a@x.t")] // top-level label of one letter
    [InlineData("a@x.t3st")] // top-level label with a digit
    [InlineData("a@x_y.test")] // underscore in the domain
    [InlineData("ａ@x.test")] // full-width a (U+FF41)
    [InlineData("zoë@example.com")] // non-ASCII letter
    [InlineData("a\u202E@x.test")] // right-to-left override
    [InlineData("a\u200B@x.test")] // zero-width space
    [InlineData("ada@example.com\u200B")]
    [InlineData("\uFEFFada@example.com")] // byte-order mark
    [InlineData("a\u2066b@x.test")] // bidi isolate
    [InlineData("a\u00A0b@x.test")] // no-break space inside
    public void Email_in_a_bad_format_is_refused(string email) =>
        AssertOnlyFailure(WithField("Email", email), "Email", "format");

    [Fact]
    public void Email_with_a_64_character_label_is_refused_and_63_accepted()
    {
        Assert.Empty(LeadValidator.Validate(WithField("Email", $"a@{new string('d', 63)}.test")));
        AssertOnlyFailure(WithField("Email", $"a@{new string('d', 64)}.test"), "Email", "format");
    }

    [Theory]
    [InlineData("ａ@x.test")]
    [InlineData("a\u202E@x.test")]
    public void Email_with_non_ascii_or_invisible_characters_is_told_so(string email)
    {
        var failure = Assert.Single(LeadValidator.Validate(WithField("Email", email)));
        Assert.Contains("ASCII", failure.Message, StringComparison.Ordinal);
        Assert.Contains("invisible", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_case_does_not_matter_for_validity_or_identity_but_a_case_change_is_a_change()
    {
        // Identity (the unique key, matching by email) ignores case; deciding what changed does not (decisions/0005).
        Assert.Empty(LeadValidator.Validate(WithField("Email", "ADA@EXAMPLE.COM")));
        Assert.Equal("ada@example.com", Lead.NormalizeEmail("  ADA@Example.Com "));
        Assert.False(WithField("Email", "ADA@EXAMPLE.COM").SameValuesAs(Valid()));
        Assert.True(WithField("Email", " " + Valid().Email + " ").SameValuesAs(Valid()));
        Assert.False(WithField("LastName", "LOVELACE").SameValuesAs(Valid()));
    }

    [Theory]
    [InlineData("+1 (555) 010-9999")]
    [InlineData("555.0100")]
    [InlineData("030/1234567")]
    [InlineData("555-0100 x12")]
    [InlineData("+1 (555) 123-4567 x12")]
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
    [InlineData("555 123 X 12")] // Zoho takes only a lower-case x before an extension
    [InlineData("555-0100 X12")]
    [InlineData("1+555")] // + only first
    [InlineData("５５５")] // full-width digits
    [InlineData("555\u200B0100")] // zero-width space
    [InlineData("\u202A5550100")] // left-to-right embedding
    [InlineData("555\u2069")] // pop directional isolate
    [InlineData("555\u00A00100")] // no-break space
    public void Phone_with_other_characters_or_no_digit_is_refused(string phone) =>
        AssertOnlyFailure(WithField("Phone", phone), "Phone", "format");

    [Fact]
    public void Phone_message_says_what_is_allowed()
    {
        var failure = Assert.Single(LeadValidator.Validate(WithField("Phone", "555 123 X 12")));
        Assert.StartsWith("Phone may contain only digits, spaces and + ( ) . - / x", failure.Message, StringComparison.Ordinal);
        Assert.Contains("extension", failure.Message, StringComparison.Ordinal);
    }

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
