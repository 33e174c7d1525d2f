using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// The sandbox and LeadSync agree on what fits (§2.11, §3): over real HTTP, a value Core's validator refuses is refused
/// by the sandbox's insert with Zoho's error for it (INVALID_DATA with <c>maximum_length</c> when too long — Zoho counts
/// UTF-16 units — or with <c>expected_data_type</c> otherwise) and nothing is stored; a value Core accepts is accepted.
/// </summary>
public sealed class SandboxValidationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private readonly SandboxHttp sandbox = fixture.Sandbox;

    [Theory]
    [MemberData(nameof(ZohoAgreementCases.Refused), MemberType = typeof(ZohoAgreementCases))]
    public async Task Value_core_refuses_is_refused_by_the_sandbox_with_zohos_error(string what, string field, string value, string rule)
    {
        Assert.Contains(LeadValidator.Validate(Fields(field, value)), f => f.Field == field && f.Rule == rule);
        var apiName = ZohoFieldNames.ToApiName(field);
        var before = sandbox.Control.State().Leads;

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(Record(apiName, value)));

        Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {(int)status} {body}");
        var item = body!["data"]![0]!;
        Assert.Equal("INVALID_DATA", item["code"]!.GetValue<string>());
        Assert.Equal("error", item["status"]!.GetValue<string>());
        var details = item["details"]!;
        Assert.Equal(apiName, details["api_name"]!.GetValue<string>());
        Assert.Equal($"$.data[0].{apiName}", details["json_path"]!.GetValue<string>());
        if (rule == ValidationRules.MaxLength)
        {
            Assert.Equal(MaxLength(field), details["maximum_length"]!.GetValue<int>());
        }
        else
        {
            Assert.Equal(field switch { "Email" => "email", "Phone" => "phone", _ => "text" }, details["expected_data_type"]!.GetValue<string>());
        }

        Assert.Equal(before, sandbox.Control.State().Leads);
    }

    [Theory]
    [MemberData(nameof(ZohoAgreementCases.Accepted), MemberType = typeof(ZohoAgreementCases))]
    public async Task Value_core_accepts_is_accepted_and_stored_by_the_sandbox(string what, string field, string value)
    {
        Assert.Empty(LeadValidator.Validate(Fields(field, value)));
        var apiName = ZohoFieldNames.ToApiName(field);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(Record(apiName, value)));

        Assert.True(status == HttpStatusCode.Created, $"{what}: {(int)status} {body}");
        var id = body!["data"]![0]!["details"]!["id"]!.GetValue<string>();
        var stored = await sandbox.GetLeadAsync(id);
        Assert.Equal(value, stored![apiName]!.GetValue<string>());
    }

    [Fact]
    public async Task Last_name_of_only_spaces_is_MANDATORY_NOT_FOUND_as_core_calls_it_required()
    {
        Assert.Contains(LeadValidator.Validate(Fields("LastName", "   ")), f => f is { Field: "LastName", Rule: ValidationRules.Required });

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(Record("Last_Name", "   ")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MANDATORY_NOT_FOUND", body!["data"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("Last_Name", body["data"]![0]!["details"]!["api_name"]!.GetValue<string>());
    }

    private static LeadFields Fields(string field, string value) =>
        new LeadFields("Ada", "Lovelace", "ada@example.com", "+44 20 7946 0958", null, "Analytical Engines").With(field, value);

    private static JsonObject Record(string apiName, string value)
    {
        var record = new JsonObject
        {
            ["First_Name"] = "Ada",
            ["Last_Name"] = "Lovelace",
            ["Email"] = $"agree.{Guid.NewGuid():N}@example.com",
            ["Phone"] = "+44 20 7946 0958",
            ["Company"] = "Analytical Engines",
        };
        record[apiName] = value;
        return record;
    }

    private static int MaxLength(string field) => field switch
    {
        "FirstName" => Lead.FirstNameMaxLength,
        "LastName" => Lead.LastNameMaxLength,
        "Email" => Lead.EmailMaxLength,
        "Phone" => Lead.PhoneMaxLength,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
