using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Fields;

/// <summary>Zoho's rules for extra values from the metadata (docs/zoho §2.11): each failure names the field and the rule.</summary>
public sealed class FieldValueRulesTests
{
    [Fact]
    public void Text_longer_than_Zohos_length_is_refused_counting_utf16_units()
    {
        var failure = FieldValueRules.Check(SampleMappedFields.Title, FieldValue.Text(new string('x', 19) + "😀"));

        Assert.Equal(("Designation", ValidationRules.MaxLength), (failure!.Field, failure.Rule));
        Assert.Equal("Title is at most 20 characters (this one has 21; Zoho counts UTF-16 units).", failure.Message);
        Assert.Null(FieldValueRules.Check(SampleMappedFields.Title, FieldValue.Text(new string('x', 20))));
    }

    [Fact]
    public void A_picklist_value_must_be_one_of_Zohos()
    {
        var failure = FieldValueRules.Check(SampleMappedFields.Industry, FieldValue.Text("Retial"));

        Assert.Equal(ValidationRules.Picklist, failure!.Rule);
        Assert.Equal("Industry has no value \"Retial\" in Zoho; choose one of: Retail, Manufacturing, Healthcare.", failure.Message);
        Assert.Null(FieldValueRules.Check(SampleMappedFields.Industry, FieldValue.Text("Retail")));
    }

    [Fact]
    public void Every_value_of_a_multi_select_must_be_one_of_Zohos()
    {
        var failure = FieldValueRules.Check(SampleMappedFields.Interests, FieldValue.List(["CRM", "HR"]));

        Assert.Equal(ValidationRules.Picklist, failure!.Rule);
        Assert.Contains("\"HR\"", failure.Message, StringComparison.Ordinal);
        Assert.Null(FieldValueRules.Check(SampleMappedFields.Interests, FieldValue.List(["CRM", "BI"])));
    }

    [Theory]
    [InlineData(2147483648, ValidationRules.Range, "No. of Employees must be between -2147483647 and 2147483647.")]
    [InlineData(1234567890, ValidationRules.Range, "No. of Employees has at most 9 digits before the decimal point (this one has 10).")]
    public void Whole_numbers_keep_to_Zohos_range_and_digits(long value, string rule, string message)
    {
        var failure = FieldValueRules.Check(SampleMappedFields.Employees, FieldValue.Number(value));

        Assert.Equal((rule, message), (failure!.Rule, failure.Message));
    }

    [Fact]
    public void A_decimal_is_not_a_whole_number_and_currency_digits_are_limited()
    {
        Assert.Equal(ValidationRules.Type, FieldValueRules.Check(SampleMappedFields.Employees, FieldValue.Number(4.5m))!.Rule);
        Assert.Equal(ValidationRules.Range, FieldValueRules.Check(SampleMappedFields.Score, FieldValue.Number(1234567.5m))!.Rule);
        Assert.Null(FieldValueRules.Check(SampleMappedFields.AnnualRevenue, FieldValue.Number(1234567890123456.99m)));
    }

    [Fact]
    public void A_value_of_another_kind_names_what_the_field_takes()
    {
        var failure = FieldValueRules.Check(SampleMappedFields.OptOut, FieldValue.Text("yes please"));

        Assert.Equal(("Email_Opt_Out", ValidationRules.Type, "Email Opt Out must be true or false."), (failure!.Field, failure.Rule, failure.Message));
    }

    [Fact]
    public void Dates_must_be_in_canonical_form_and_text_without_control_characters()
    {
        Assert.Equal(ValidationRules.Format, FieldValueRules.Check(SampleMappedFields.FollowUp, FieldValue.Text("2026-13-01"))!.Rule);
        Assert.Equal(ValidationRules.Characters, FieldValueRules.Check(SampleMappedFields.Title, FieldValue.Text("a\nb"))!.Rule);
        Assert.Null(FieldValueRules.Check(SampleMappedFields.Description, FieldValue.Text("line one\nline two")));
    }

    [Fact]
    public void Writes_to_unmapped_zoho_only_and_read_only_fields_are_refused_but_unchanged_values_pass()
    {
        var mapped = new SampleMappedFields();
        mapped.Map(SampleMappedFields.Industry, FieldSyncDirection.ZohoToLeadSync);
        var current = LeadFieldValues.Empty.With("Industry", FieldValue.Text("Mining"));

        var failures = ExtraFieldsValidator.Validate(
            current.With("Unknown__c", FieldValue.Text("x")).With("Annual_Revenue", FieldValue.Number(5)),
            current,
            mapped.Fields);
        var changed = ExtraFieldsValidator.Validate(current.With("Industry", FieldValue.Text("Retail")), current, mapped.Fields);

        Assert.Equal("Unknown__c is not a mapped Zoho field; map it on the Field mapping page first.", Assert.Single(failures).Message);
        Assert.Equal("Industry is mapped Zoho → LeadSync only; change it in Zoho.", Assert.Single(changed).Message);
    }
}
