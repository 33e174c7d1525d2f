using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Data;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

/// <summary>Every /api answer is JSON (issue 11.5): hostile search text is just text, and an unhandled error is a problem document.</summary>
public sealed class ApiErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("abc%00def")]
    [InlineData("%00")]
    [InlineData("%ED%A0%80")] // a lone surrogate, UTF-8 encoded
    [InlineData("%22")]
    [InlineData("NEAR(a%20b)")]
    public async Task Hostile_search_text_answers_an_empty_page_not_an_error(string search)
    {
        await using var app = new LeadSyncAppFactory();
        using var api = app.CreateApiClient();
        using (await api.PostAsJsonAsync("api/leads", new { lastName = "Abcdef", email = "abcdef@example.com" }, Ct))
        {
        }

        using var response = await api.GetAsync(new Uri("api/leads?search=" + search, UriKind.Relative), Ct);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_unhandled_error_is_a_problem_document_that_names_no_internals()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var api = app.CreateApiClient();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Leads\" RENAME TO \"LeadsGone\"", Ct); // every leads query now fails
        }

        using var response = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("Server error", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Leads", text, StringComparison.Ordinal); // no SQL, table or exception text
        Assert.DoesNotContain("Sqlite", text, StringComparison.OrdinalIgnoreCase);
    }
}
