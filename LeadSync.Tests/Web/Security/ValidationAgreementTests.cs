using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// Over real HTTP through <c>POST /api/leads</c>: values Zoho would refuse on push (lengths in UTF-16 units,
/// invisible names, emails and phones Zoho does not take) are refused up front with a problem document naming the
/// field, and nothing is stored; edge values Zoho accepts are stored as given.
/// </summary>
public sealed class ValidationAgreementTests(LeadSyncAppFactory app) : IClassFixture<LeadSyncAppFactory>, IDisposable
{
    private readonly HttpClient api = app.CreateApiClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => api.Dispose();

    [Theory]
    [MemberData(nameof(ZohoAgreementCases.Refused), MemberType = typeof(ZohoAgreementCases))]
    public async Task Value_zoho_refuses_is_refused_with_400_naming_the_field_and_nothing_is_stored(string what, string field, string value, string rule)
    {
        var before = await CountAsync();

        using var response = await api.PostAsJsonAsync("api/leads", Body(field, value), Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement;
        Assert.Equal("Validation failed", problem.GetProperty("title").GetString());
        var property = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(JsonName(field), property.Name);
        var message = Assert.Single(property.Value.EnumerateArray()).GetString()!;
        Assert.StartsWith(Label(field), message, StringComparison.Ordinal);
        if (rule == ValidationRules.MaxLength)
        {
            Assert.Contains("UTF-16", message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [MemberData(nameof(ZohoAgreementCases.Accepted), MemberType = typeof(ZohoAgreementCases))]
    public async Task Value_zoho_accepts_is_stored_as_given(string what, string field, string value)
    {
        using var created = await api.PostAsJsonAsync("api/leads", Body(field, value), Ct);

        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{what}: {await created.Content.ReadAsStringAsync(Ct)}");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var lead = await api.GetFromJsonAsync<JsonElement>($"api/leads/{id}", Ct);
        Assert.Equal(value, lead.GetProperty(JsonName(field)).GetString());
    }

    private async Task<int> CountAsync() =>
        (await api.GetFromJsonAsync<JsonElement>("api/leads", Ct)).GetProperty("totalCount").GetInt32();

    private static Dictionary<string, string?> Body(string field, string value)
    {
        var body = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["firstName"] = "Ada",
            ["lastName"] = "Lovelace",
            ["email"] = $"agree.{Guid.NewGuid():N}@example.com",
            ["phone"] = "+44 20 7946 0958",
            ["company"] = "Analytical Engines",
        };
        body[JsonName(field)] = value;
        return body;
    }

    private static string JsonName(string field) => char.ToLowerInvariant(field[0]) + field[1..];

    private static string Label(string field) => field switch
    {
        "FirstName" => "First name",
        "LastName" => "Last name",
        _ => field,
    };
}
