using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// <c>/sandbox/zoho/_control/fields</c>: a signed-in admin lists, adds, changes and deletes the sandbox's Lead fields
/// (tests and demos); an anonymous caller and an API-key holder are refused and change nothing; a refused edit says
/// which rule it broke.
/// </summary>
public sealed class SandboxFieldControlTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_admin_adds_retypes_makes_mandatory_and_deletes_a_field()
    {
        using var admin = await app.CreateAdminClientAsync();

        using var added = await admin.PostAsync(new Uri("sandbox/zoho/_control/fields", UriKind.Relative),
            Json("""{"label":"Contract Tier","dataType":"picklist","picklistValues":["Gold","Silver"]}"""), Ct);
        using var retyped = await admin.PatchAsync(new Uri("sandbox/zoho/_control/fields/Seats__c", UriKind.Relative), Json("""{"dataType":"text"}"""), Ct);
        using var mandatory = await admin.PatchAsync(new Uri("sandbox/zoho/_control/fields/Budget__c", UriKind.Relative), Json("""{"mandatory":true}"""), Ct);
        using var deleted = await admin.DeleteAsync(new Uri("sandbox/zoho/_control/fields/Notes__c", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("Contract_Tier__c", JsonNode.Parse(await added.Content.ReadAsStringAsync(Ct))!["apiName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, retyped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mandatory.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var fields = app.Sandbox.Fields;
        Assert.Equal(["Gold", "Silver"], fields.Find("Contract_Tier__c")!.PicklistValues);
        Assert.Equal("text", fields.Find("Seats__c")!.DataType);
        Assert.True(fields.Find("Budget__c")!.Mandatory);
        Assert.Null(fields.Find("Notes__c"));
    }

    [Theory]
    [InlineData("DELETE", "Last_Name", null, HttpStatusCode.BadRequest, "core or system field")]
    [InlineData("PATCH", "Modified_Time", """{"dataType":"text"}""", HttpStatusCode.BadRequest, "core or system field")]
    [InlineData("PATCH", "Region__c", """{"picklistValues":[]}""", HttpStatusCode.BadRequest, "at least one picklist value")]
    [InlineData("PATCH", "Seats__c", """{"dataType":"subform"}""", HttpStatusCode.BadRequest, "cannot be created in the sandbox")]
    [InlineData("PATCH", "No_Such__c", """{"label":"x"}""", HttpStatusCode.NotFound, "no Lead field named No_Such__c")]
    public async Task A_refused_edit_names_the_rule_and_changes_nothing(string method, string apiName, string? body, HttpStatusCode status, string reason)
    {
        using var admin = await app.CreateAdminClientAsync();
        var before = app.Sandbox.Fields.All;
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"sandbox/zoho/_control/fields/{apiName}", UriKind.Relative))
        {
            Content = body is null ? null : Json(body),
        };

        using var response = await admin.SendAsync(request, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, app.Sandbox.Fields.All);
    }

    [Fact]
    public async Task An_anonymous_caller_and_an_api_key_holder_are_refused()
    {
        using var anonymous = app.CreateCookieClient();
        using var withKey = app.CreateCookieClient();
        withKey.DefaultRequestHeaders.Authorization = new("Bearer", LeadSyncAppFactory.BootstrapApiKey);
        var before = app.Sandbox.Fields.All;

        foreach (var client in new[] { anonymous, withKey })
        {
            using var list = await client.GetAsync(new Uri("sandbox/zoho/_control/fields", UriKind.Relative), Ct);
            using var delete = await client.DeleteAsync(new Uri("sandbox/zoho/_control/fields/Budget__c", UriKind.Relative), Ct);

            Assert.NotEqual(HttpStatusCode.OK, list.StatusCode);
            Assert.True(delete.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"DELETE answered {(int)delete.StatusCode}");
        }

        Assert.Equal(before, app.Sandbox.Fields.All);
    }
}
