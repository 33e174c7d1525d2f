using LeadSync.Core.Leads;
using LeadSync.Core.Sync;

namespace LeadSync.Tests.Core.Sync;

/// <summary>What to do about Zoho's common refusals (issue 15.6), per code and field, without a host.</summary>
public sealed class SyncErrorAdviceTests
{
    [Theory]
    [InlineData("INVALID_DATA", "Phone",
        "Phone: Zoho allows only digits, spaces and + ( ) . - / x (+ only first, x before an extension), with at least one digit; at most 30 characters — edit the lead or fix it in Zoho.")]
    [InlineData("INVALID_DATA", "Email",
        "Email: Zoho allows a valid address such as name@example.com, in ASCII letters, digits and symbols only, at most 100 characters — edit the lead or fix it in Zoho.")]
    [InlineData("INVALID_DATA", "LastName",
        "Last name: Zoho allows at most 80 characters (an emoji may count as 2), with a visible character and without line breaks — edit the lead or fix it in Zoho.")]
    [InlineData("INVALID_DATA", "Company",
        "Company: Zoho allows at most 200 characters (an emoji may count as 2), with a visible character and without line breaks — edit the lead or fix it in Zoho.")]
    [InlineData("INVALID_DATA", "Status",
        "Status: Zoho's Lead Status picklist does not take this value — pick one of its values (such as Not Contacted or Contacted) on the lead, or add the value to the picklist in Zoho.")]
    [InlineData("MANDATORY_NOT_FOUND", "LastName", "Last name: Zoho requires a value — fill it in on the lead and save; the push goes again.")]
    [InlineData("DUPLICATE_DATA", "Email",
        "Email: another Zoho record already holds this value — change it on the lead, or merge or delete the other record in Zoho, then retry.")]
    [InlineData("ZOHO_COPY_INVALID_FORMAT", "Email",
        "Email: Zoho's copy breaks LeadSync's rule, which allows a valid address such as name@example.com, in ASCII letters, digits and symbols only, at most 100 characters — fix it in Zoho, or retry this lead to replace Zoho's copy with its values.")]
    [InlineData("ZOHO_COPY_INVALID_MAXLENGTH", "FirstName",
        "First name: Zoho's copy breaks LeadSync's rule, which allows at most 40 characters (an emoji may count as 2), with a visible character and without line breaks — fix it in Zoho, or retry this lead to replace Zoho's copy with its values.")]
    [InlineData("ZOHO_COPY_INVALID_REQUIRED", "LastName", "Last name: Zoho's copy has no value — fix it in Zoho, or retry this lead to replace Zoho's copy with its values.")]
    [InlineData("ZOHO_COPY_DUPLICATE_EMAIL", "Email",
        "Email: Zoho's copy has an email another lead here already uses — fix the email in Zoho, or change or delete the other lead here.")]
    public void Common_refusals_say_what_the_field_takes_and_what_to_do(string code, string field, string advice) =>
        Assert.Equal(advice, SyncErrorAdvice.For(new SyncError(code, field, "invalid data")));

    [Theory]
    [InlineData("TOO_MANY_REQUESTS", null)] // passing: retried by itself
    [InlineData("INTERNAL_ERROR", null)]
    [InlineData("UNKNOWN", null)]
    [InlineData("ZOHO_COPY_SOMETHING_NEW", "Email")]
    public void Errors_without_a_known_remedy_have_no_advice(string code, string? field) =>
        Assert.Null(SyncErrorAdvice.For(code, field));

    [Fact]
    public void A_field_zoho_names_that_leadsync_does_not_sync_counts_as_no_field_and_no_error_has_no_advice()
    {
        Assert.StartsWith("Zoho refused a value without naming the field", SyncErrorAdvice.For("INVALID_DATA", "Owner"), StringComparison.Ordinal);
        Assert.StartsWith("A field: Zoho requires a value", SyncErrorAdvice.For("MANDATORY_NOT_FOUND", null), StringComparison.Ordinal);
        Assert.Null(SyncErrorAdvice.For(null));
    }
}
