using System.Text.Json;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Fields;

/// <summary>Reading extra values per Zoho's kind of field (docs/zoho §2.11) from text, typed JSON and Zoho's records.</summary>
public sealed class FieldValueCodecTests
{
    public static TheoryData<string, string, string> TextInputs => new()
    {
        { "Annual_Revenue", "1250000.50", "1250000.5" },
        { "Annual_Revenue", "1000.00", "1000" },
        { "No_of_Employees", " 42 ", "42" },
        { "Score__c", "-3.25", "-3.25" },
        { "Email_Opt_Out", "yes", "Yes" },
        { "Email_Opt_Out", "FALSE", "No" },
        { "Follow_Up__c", "2026-12-24", "2026-12-24" },
        { "Last_Demo__c", "2026-12-03T10:30:15+01:00", "2026-12-03T09:30:15+00:00" },
        { "Last_Demo__c", "2026-12-03T09:30:15.987Z", "2026-12-03T09:30:15+00:00" },
        { "Interests__c", "CRM; BI;;CRM", "CRM; BI" },
        { "Industry", "  Retail ", "Retail" },
    };

    [Theory]
    [MemberData(nameof(TextInputs))]
    public void Text_is_read_as_the_fields_kind_in_canonical_form(string apiName, string input, string display)
    {
        var parse = FieldValueCodec.FromText(Field(apiName), input);

        Assert.True(parse.Ok, parse.Error);
        Assert.Equal(display, parse.Value!.Display);
        Assert.Equal(FieldValueCodec.KindOf(Field(apiName).Type), parse.Value.Kind);
    }

    [Theory]
    [InlineData("Annual_Revenue", "1,000", "must be a number (a dot before any decimals)")]
    [InlineData("No_of_Employees", "4.5", "must be a whole number")]
    [InlineData("Email_Opt_Out", "maybe", "must be true or false")]
    [InlineData("Follow_Up__c", "24/12/2026", "must be a date as yyyy-MM-dd")]
    [InlineData("Last_Demo__c", "2026-12-03T10:30:00", "must be a date-time with an offset, as yyyy-MM-ddTHH:mm:ss+00:00")]
    public void Text_that_is_not_of_the_kind_says_what_it_must_be(string apiName, string input, string error)
    {
        var parse = FieldValueCodec.FromText(Field(apiName), input);

        Assert.Equal(error, parse.Error);
        Assert.Null(parse.Value);
    }

    [Fact]
    public void Blank_text_and_json_null_are_no_value()
    {
        Assert.Equal(FieldValueParse.None, FieldValueCodec.FromText(SampleMappedFields.AnnualRevenue, "  "));
        Assert.Equal(FieldValueParse.None, FieldValueCodec.FromJson(SampleMappedFields.AnnualRevenue, Json("null")));
    }

    [Theory]
    [InlineData("Annual_Revenue", "250000.75", "250000.75")]
    [InlineData("Annual_Revenue", "\"250000.75\"", "250000.75")]
    [InlineData("Email_Opt_Out", "true", "Yes")]
    [InlineData("Interests__c", "[\"ERP\",\"CRM\"]", "ERP; CRM")]
    [InlineData("Interests__c", "\"ERP\"", "ERP")]
    [InlineData("Designation", "12", "12")]
    public void Typed_json_is_read_as_the_fields_kind(string apiName, string json, string display)
    {
        var parse = FieldValueCodec.FromJson(Field(apiName), Json(json));

        Assert.True(parse.Ok, parse.Error);
        Assert.Equal(display, parse.Value!.Display);
    }

    [Theory]
    [InlineData("Annual_Revenue", "true")]
    [InlineData("Email_Opt_Out", "1")]
    [InlineData("Industry", "[\"Retail\"]")]
    public void Json_of_another_kind_is_refused(string apiName, string json) =>
        Assert.False(FieldValueCodec.FromJson(Field(apiName), Json(json)).Ok);

    [Fact]
    public void Zohos_lookup_object_reads_as_its_name() =>
        Assert.Equal("Grace Hopper", FieldValue.FromJson(Json("""{"name":"Grace Hopper","id":"4150868000000225013"}"""))!.Display);

    private static ZohoFieldDefinition Field(string apiName) => SampleMappedFields.Writable.Single(f => f.ApiName == apiName);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
