using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// Hostile input through the API. Decision: Core's validator accepts angle brackets in text fields as Zoho does, so
/// a name such as <c>&lt;script&gt;</c> is stored verbatim as data and always HTML-encoded on output (Razor encodes
/// every value; the browser test shows it is not executed). Emails, phones and lengths (in UTF-16 units, as Zoho counts)
/// are refused by rule.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();
    private HttpClient api = default!;

    public ValueTask InitializeAsync()
    {
        api = app.CreateApiClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("Robert'); DROP TABLE Leads;--")]
    [InlineData("' OR '1'='1")]
    [InlineData("Zoë 李 Ørsted 🚀")]
    [InlineData("{{7*7}} ${7*7} @(1+1)")]
    public async Task Hostile_text_is_stored_verbatim_and_returned_as_data(string text)
    {
        var email = $"h{Guid.NewGuid():N}@example.com";
        using var created = await api.PostAsJsonAsync("api/leads", new { firstName = text.Length <= 40 ? text : null, lastName = text, email, company = text }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var lead = await api.GetFromJsonAsync<JsonElement>($"api/leads/{id}", Ct);
        Assert.Equal(text, lead.GetProperty("lastName").GetString());
        Assert.Equal(text, lead.GetProperty("company").GetString());

        // The SQL-looking text had no effect: every lead is still there and findable by its own text.
        var found = await api.GetFromJsonAsync<JsonElement>($"api/leads?search={Uri.EscapeDataString(email)}", Ct);
        Assert.Equal(1, found.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Sql_looking_search_terms_match_only_literally()
    {
        using (await api.PostAsJsonAsync("api/leads", new { lastName = "Plain", email = "plain@example.com" }, Ct))
        {
        }

        foreach (var term in new[] { "' OR 1=1 --", "%", "_", "\\", "plain' --" })
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"api/leads?search={Uri.EscapeDataString(term)}", Ct);
            Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
        }

        var all = await api.GetFromJsonAsync<JsonElement>("api/leads", Ct);
        Assert.True(all.GetProperty("totalCount").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a@b")]
    [InlineData("two words@example.com")]
    [InlineData("<script>@example.com")]
    [InlineData("x@example.com\r\nBcc: y@example.com")]
    [InlineData("x@example.com;y@example.com")]
    public async Task Invalid_emails_are_refused_under_the_email_field(string email)
    {
        using var response = await api.PostAsJsonAsync("api/leads", new { lastName = "Bad", email }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _), errors.ToString());
    }

    [Fact]
    public async Task Lengths_count_utf16_units_as_zoho_does_so_an_emoji_counts_twice()
    {
        using var fits = await api.PostAsJsonAsync("api/leads", new { firstName = string.Concat(Enumerable.Repeat("🚀", 20)), lastName = "Emoji", email = "emoji@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);

        using var emoji = await api.PostAsJsonAsync("api/leads", new { firstName = string.Concat(Enumerable.Repeat("🚀", 21)), lastName = "Emoji", email = "emoji2@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, emoji.StatusCode);
        Assert.True((await emoji.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("firstName", out _));

        using var tooLong = await api.PostAsJsonAsync("api/leads", new { firstName = string.Concat(Enumerable.Repeat("é", 41)), lastName = "Accent", email = "accent@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Control_characters_and_line_breaks_in_names_are_refused()
    {
        using var response = await api.PostAsJsonAsync("api/leads", new { lastName = "Line\nBreak", email = "ctrl@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control characters", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
