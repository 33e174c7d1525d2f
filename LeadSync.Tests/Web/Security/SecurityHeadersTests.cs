using System.Net;
using System.Net.Http.Json;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Security;

/// <summary>The browser-hardening headers, read off real responses of every kind over a real socket.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private const string ExpectedPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private readonly LeadSyncAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers_and_no_server_header()
    {
        using var admin = await app.CreateAdminClientAsync();
        using var api = app.CreateApiClient();
        using var anonymous = app.CreateCookieClient();
        using (var created = await api.PostAsJsonAsync("api/leads", new { lastName = "Headers", email = "headers@example.com" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var cases = new (string What, HttpClient Client, HttpMethod Method, string Path, HttpStatusCode Status)[]
        {
            ("console page", admin, HttpMethod.Get, "leads", HttpStatusCode.OK),
            ("dashboard", admin, HttpMethod.Get, "", HttpStatusCode.OK),
            ("sign-in page", anonymous, HttpMethod.Get, "account/signin", HttpStatusCode.OK),
            ("setup page once an admin exists", anonymous, HttpMethod.Get, "setup", HttpStatusCode.Forbidden),
            ("redirect to sign-in", anonymous, HttpMethod.Get, "leads", HttpStatusCode.Redirect),
            ("not-found page", admin, HttpMethod.Get, "no-such-page", HttpStatusCode.NotFound),
            ("static file", anonymous, HttpMethod.Get, "app.css", HttpStatusCode.OK),
            ("package static file", anonymous, HttpMethod.Get, "_content/MudBlazor/MudBlazor.min.js", HttpStatusCode.OK),
            ("framework script", anonymous, HttpMethod.Get, "_framework/blazor.web.js", HttpStatusCode.OK),
            ("api answer", api, HttpMethod.Get, "api/leads", HttpStatusCode.OK),
            ("api 404 problem document", api, HttpMethod.Get, "api/no-such-endpoint", HttpStatusCode.NotFound),
            ("api 401 problem document", anonymous, HttpMethod.Get, "api/leads", HttpStatusCode.Unauthorized),
            ("api 405 problem document", api, HttpMethod.Patch, "api/leads", HttpStatusCode.MethodNotAllowed),
            ("liveness", anonymous, HttpMethod.Get, "healthz", HttpStatusCode.OK),
            ("sandbox Zoho API", anonymous, HttpMethod.Get, "sandbox/zoho/crm/v8/Leads", HttpStatusCode.Unauthorized),
            ("sandbox page", admin, HttpMethod.Get, "sandbox", HttpStatusCode.OK),
        };

        foreach (var (what, client, method, path, status) in cases)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var response = await client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == status, $"{what} (/{path}) answered {(int)response.StatusCode}, expected {(int)status}");
            Assert.True(Single(response, "Content-Security-Policy") == ExpectedPolicy, $"{what}: CSP was '{Single(response, "Content-Security-Policy")}'");
            Assert.True(Single(response, "X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options");
            Assert.True(Single(response, "Referrer-Policy") == "no-referrer", $"{what}: Referrer-Policy");
            var permissions = Single(response, "Permissions-Policy") ?? string.Empty;
            foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "serial=()", "hid=()" })
            {
                Assert.True(permissions.Contains(feature, StringComparison.Ordinal), $"{what}: Permissions-Policy '{permissions}' lacks {feature}");
            }

            Assert.True(!response.Headers.Contains("Server"), $"{what}: Server header '{string.Join(",", response.Headers.Server)}'");
        }
    }

    /// <summary>The header's only value (null when absent); two values would be two policies, so they fail the comparison.</summary>
    private static string? Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(" | ", values)
            : null;
}
