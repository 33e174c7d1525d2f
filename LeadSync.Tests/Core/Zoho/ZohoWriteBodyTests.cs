using System.Text;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>
/// The record write body as bytes (<see cref="ZohoWriteBody"/>): the exact JSON Zoho gets (§2.4 insert, §2.5 update,
/// §2.6 upsert), which was built as a <c>JsonNode</c> tree before. The sandbox round trips are in
/// <c>ZohoLeadOperationsTests</c> and <c>ExtraFieldsSyncTests</c>; this pins the text, value kinds and nulls.
/// </summary>
public sealed class ZohoWriteBodyTests
{
    [Fact]
    public void A_create_carries_every_field_and_each_extra_value_in_its_json_kind()
    {
        // §2.4/§2.6: every business field (null clears), extra values typed; §2.6 duplicate_check_fields; §7.11 trigger []
        var lead = new ZohoLead
        {
            LastName = "Ng", Email = "ng@example.com", Company = "Zylker \"Labs\"",
            Extra = LeadFieldValues.From([
                new("Annual_Revenue", FieldValue.Number(1250000.50m)), new("Description", FieldValue.Text("Line 1\nLine 2 é")),
                new("Email_Opt_Out", FieldValue.Boolean(false)), new("No_of_Employees", FieldValue.Number(420.00m)),
                new("Product_Interest__c", FieldValue.List(["CRM", "Analytics"])),
            ]),
        };

        var body = Text(ZohoWriteBody.Write([lead], withId: false, ["Email"], workflowTrigger: false));

        // Written with ' for " (then swapped): the escapes are System.Text.Json's defaults, as the JsonNode tree's were.
        var expected = string.Concat(
            @"{'data':[{'First_Name':null,'Last_Name':'Ng','Email':'ng@example.com','Phone':null,'Lead_Status':null,",
            @"'Company':'Zylker \u0022Labs\u0022','Annual_Revenue':1250000.5,'Description':'Line 1\nLine 2 \u00E9',",
            @"'Email_Opt_Out':false,'No_of_Employees':420,'Product_Interest__c':['CRM','Analytics']}],",
            @"'duplicate_check_fields':['Email'],'trigger':[]}").Replace('\'', '"');
        Assert.Equal(expected, body);
    }

    [Fact]
    public void An_update_carries_the_id_and_only_the_named_fields_with_null_for_a_value_cleared()
    {
        // §2.5: only the keys sent change; a null sent clears the field. Workflows asked for: no "trigger" key (§7.11).
        var lead = new ZohoLead
        {
            Id = "5725767000000000001", Phone = "+44 20 7946 0000", LastName = "Not sent",
            Extra = LeadFieldValues.From([new("Industry", FieldValue.Text("Retail")), new("Rating", FieldValue.Text("Hot"))]),
            OnlyFields = new HashSet<string>(["Phone", "Industry", "Budget__c"], StringComparer.Ordinal),
        };

        var body = Text(ZohoWriteBody.Write([lead], withId: true, null, workflowTrigger: true));

        Assert.Equal("""{"data":[{"id":"5725767000000000001","Phone":"\u002B44 20 7946 0000","Industry":"Retail","Budget__c":null}]}""", body);
    }

    [Fact]
    public void The_content_is_utf8_json()
    {
        using var content = ZohoWriteBody.Content(Encoding.UTF8.GetBytes("""{"data":[]}"""));

        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType.CharSet);
    }

    private static string Text(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);
}
