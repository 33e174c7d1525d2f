using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// The sandbox file's <c>extra_json</c> column: one JSON object of the values' texts, written without a JSON writer for
/// the usual API names and through one for any other name — both read back as written.
/// </summary>
public sealed class SandboxExtraValuesTests
{
    [Fact]
    public void Plain_api_names_are_written_as_one_object_of_the_values_as_they_are()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Region__c"] = "\"EMEA\"", ["Seats__c"] = "25", ["Product_Interest__c"] = "[\"CRM\",\"Analytics\"]", ["Is_Partner__c"] = "false",
        };

        var text = SandboxExtraValues.Write(values);

        Assert.Equal("{\"Region__c\":\"EMEA\",\"Seats__c\":25,\"Product_Interest__c\":[\"CRM\",\"Analytics\"],\"Is_Partner__c\":false}", text);
        Assert.Equal(values, SandboxExtraValues.Read(text));
    }

    [Fact]
    public void A_name_json_must_escape_is_escaped_and_reads_back()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["Größe \"x\""] = "\"L\"", ["Seats__c"] = "3" };

        var text = SandboxExtraValues.Write(values);

        Assert.Equal(values, SandboxExtraValues.Read(text));
        Assert.Contains("\\u0022x\\u0022", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_values_is_no_text()
    {
        Assert.Null(SandboxExtraValues.Write(null));
        Assert.Null(SandboxExtraValues.Write(new Dictionary<string, string>()));
    }
}
