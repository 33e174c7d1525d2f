using System.Net;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Transfer;

/// <summary>
/// The three ways out of LeadSync in CSV, as attack surface and as files: <c>GET /api/leads/export</c> (API keys only),
/// <c>GET /leads/export</c> and <c>POST /leads/export</c> (signed-in admins; the POST also needs the antiforgery token).
/// </summary>
public sealed class LeadExportEndpointTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();
    private List<Lead> leads = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        await using var db = await app.Contexts.CreateDbContextAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        leads = [.. new[] { ("Ash", SyncState.Synced), ("Birch", SyncState.Error), ("Cedar", SyncState.Synced) }.Select((row, i) =>
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now.AddMinutes(-i), SyncState = row.Item2 };
            lead.Apply(new LeadFields("Eve", row.Item1, $"{row.Item1.ToLowerInvariant()}@example.com", null, "New", "Zoë & Co"));
            return lead;
        })];
        db.AddRange(leads);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static async Task<string[]> LinesAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 with a byte-order mark, for Excel
        return System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task An_api_key_exports_what_a_list_query_selects_and_a_bad_query_is_a_problem_naming_the_parameter()
    {
        using var api = app.CreateApiClient();

        using var response = await api.GetAsync(new Uri("api/leads/export?syncState=Synced&sort=lastName&syncColumns=true", UriKind.Relative), Ct);
        using var refused = await api.GetAsync(new Uri("api/leads/export?syncState=Sunk", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"leads-", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = await LinesAsync(response);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("First name,Last name,Email,Phone,Status,Company,LeadSync id,Sync state", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Eve,Ash,ash@example.com,,New,Zoë & Co,{leads[0].Id},Synced,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Eve,Cedar,", lines[2], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("syncState 'Sunk'", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact] // an export writes what the page selects: an extra-field filter that cannot be applied is refused, not dropped
    public async Task A_console_export_with_an_extra_field_filter_it_cannot_apply_is_a_problem_naming_the_field_and_the_rule()
    {
        await using var synced = LeadSyncAppFactory.StartForSync();
        await LeadSync.Tests.Core.Sync.ExtraFields.ExtraFieldsSyncTests.MapAsync(synced, ["Annual_Revenue"]);
        using var admin = await synced.CreateAdminClientAsync();

        using var bad = await admin.GetAsync(new Uri("leads/export?f=Annual_Revenue%3Alots..", UriKind.Relative), Ct);
        using var good = await admin.GetAsync(new Uri("leads/export?f=Annual_Revenue%3A100..", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Annual_Revenue", problem, StringComparison.Ordinal);
        Assert.Contains("not a number", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_nothing_and_an_api_key_cannot_use_the_consoles_export()
    {
        using var anonymous = app.CreateCookieClient();
        using var keyed = app.CreateCookieClient();
        keyed.DefaultRequestHeaders.Authorization = new("Bearer", LeadSyncAppFactory.BootstrapApiKey);

        using var apiAnonymous = await anonymous.GetAsync(new Uri("api/leads/export", UriKind.Relative), Ct);
        using var consoleAnonymous = await anonymous.GetAsync(new Uri("leads/export", UriKind.Relative), Ct);
        using var consoleKeyed = await keyed.GetAsync(new Uri("leads/export", UriKind.Relative), Ct);
        using var postAnonymous = await anonymous.PostAsync(new Uri("leads/export", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ids"] = leads[0].Id.ToString() }), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, apiAnonymous.StatusCode);
        Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(consoleAnonymous), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(consoleKeyed), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(postAnonymous), StringComparison.Ordinal);
        Assert.DoesNotContain("ash@example.com", await consoleKeyed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_exports_the_pages_view_and_a_selection_and_a_forged_selection_post_is_refused()
    {
        using var admin = await app.CreateAdminClientAsync();

        using var view = await admin.GetAsync(new Uri("leads/export?state=Error&q=birch", UriKind.Relative), Ct);
        var page = await (await admin.GetAsync(new Uri("leads", UriKind.Relative), Ct)).Content.ReadAsStringAsync(Ct);
        var token = LeadSyncAppFactory.HiddenFields(page).Single(f => f.Key == "__RequestVerificationToken");
        using var selection = await admin.PostAsync(new Uri("leads/export", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Key] = token.Value, ["ids"] = $"{leads[2].Id},{leads[0].Id}", ["sort"] = "lastName", ["dir"] = "desc",
        }), Ct);
        using var forged = await admin.PostAsync(new Uri("leads/export", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ids"] = leads[0].Id.ToString() }), Ct);
        using var malformed = await admin.PostAsync(new Uri("leads/export", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { [token.Key] = token.Value, ["ids"] = "not-an-id" }), Ct);

        Assert.Equal(["First name,Last name,Email,Phone,Status,Company", "Eve,Birch,birch@example.com,,New,Zoë & Co"], await LinesAsync(view));
        Assert.Equal(HttpStatusCode.OK, selection.StatusCode);
        var chosen = await LinesAsync(selection);
        Assert.Equal(3, chosen.Length); // header + the two chosen, last name descending
        Assert.StartsWith("Eve,Cedar,", chosen[1], StringComparison.Ordinal);
        Assert.StartsWith("Eve,Ash,", chosen[2], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("ids:", await malformed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
