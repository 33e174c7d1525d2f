using LeadSync.Core.Leads;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadValidatorTests
{
    private static LeadFields Valid() => new("Ada", "Lovelace", "ada@example.com", "+44 20 7946 0958", "Contacted", "Analytical Engines");

    [Fact]
    public void Valid_lead_has_no_failures() => Assert.Empty(LeadValidator.Validate(Valid()));

    [Theory]
    [InlineData(80, true)]
    [InlineData(81, false)]
    public void Last_name_is_at_most_80_characters(int length, bool valid)
    {
        var failures = LeadValidator.Validate(Valid() with { LastName = new string('x', length) });
        Assert.Equal(valid, failures.Count == 0);
        if (!valid)
        {
            var failure = Assert.Single(failures);
            Assert.Equal(("LastName", "maxLength"), (failure.Field, failure.Rule));
        }
    }
}
