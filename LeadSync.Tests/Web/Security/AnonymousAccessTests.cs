using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using LeadSync.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

public sealed partial class AnonymousAccessTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every routable page of the console, except the ones marked AllowAnonymous (sign-in, setup, error).</summary>
    private static IEnumerable<string> ProtectedPageRoutes() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => RouteParameter().Replace(r.Template, Guid.NewGuid().ToString()))
        .Distinct();

    [Fact]
    public async Task Every_page_redirects_an_anonymous_visitor_to_sign_in()
    {
        var routes = ProtectedPageRoutes().ToList();
        Assert.Contains("/leads", routes);
        Assert.Contains("/settings/admins", routes);
        Assert.Contains("/settings/api-keys", routes);
        using var client = app.CreateCookieClient();
        foreach (var route in routes)
        {
            using var response = await client.GetAsync(new Uri(route.TrimStart('/'), UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {(int)response.StatusCode}");
            Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_page_is_served_to_a_signed_in_admin()
    {
        using var client = await app.CreateAdminClientAsync();
        foreach (var route in ProtectedPageRoutes().Where(r => r is not "/" and not "/not-found"))
        {
            using var response = await client.GetAsync(new Uri(route.TrimStart('/'), UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_problem_json_without_a_key_even_with_an_admin_cookie()
    {
        var endpoints = ApiEndpoints();
        Assert.Contains(endpoints, e => e.Method == "GET" && e.Path.StartsWith("api/leads", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.Method == "DELETE");
        using var anonymous = app.CreateCookieClient();
        using var admin = await app.CreateAdminClientAsync();
        foreach (var client in new[] { anonymous, admin })
        {
            foreach (var (method, path) in endpoints)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} /{path} answered {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("API key is required", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("Authorization", "Bearer lsk_notarealkeyatallnotarealkeyatallnotarealkey1")]
    [InlineData("Authorization", "Bearer " + LeadSyncAppFactory.BootstrapApiKey + "x")]
    [InlineData("X-Api-Key", "lsk_wrong")]
    [InlineData("X-Api-Key", "' OR 1=1 --")]
    public async Task A_wrong_api_key_gets_401(string header, string value)
    {
        using var client = new HttpClient { BaseAddress = app.Start() };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/leads", UriKind.Relative));
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_needs_an_admin_or_a_key()
    {
        using var anonymous = app.CreateCookieClient();
        using var refused = await anonymous.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        using var api = app.CreateApiClient();
        var document = await api.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        Assert.Contains("\"/api/leads\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/leads/{id}\"", document, StringComparison.Ordinal);

        using var admin = await app.CreateAdminClientAsync();
        using var forAdmin = await admin.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
    }

    [Theory]
    [InlineData("account/signin")]
    [InlineData("healthz")]
    [InlineData("readyz")]
    [InlineData("metrics")]
    [InlineData("app.css")]
    [InlineData("_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("_framework/blazor.web.js")]
    public async Task The_public_endpoints_answer_without_sign_in(string path)
    {
        using var client = app.CreateCookieClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {app.Logs.AllText}");
    }

    [Theory]
    [InlineData("/sandbox/zoho/oauth/v2/token", true)]
    [InlineData("/sandbox/zoho/crm/v8/Leads", true)]
    [InlineData("/sandbox/zoho/crm/bulk/v8/read", true)]
    [InlineData("/webhooks/zoho", true)]
    [InlineData("/sandbox", false)]
    [InlineData("/sandbox/zoho/_control/reset", false)]
    [InlineData("/sandbox/zoho/oauthx", false)]
    [InlineData("/leads", false)]
    public async Task The_fallback_policy_lets_only_the_listed_paths_through_anonymously(string path, bool allowed)
    {
        using var scope = app.Services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var policy = await scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = path;

        var result = await authorization.AuthorizeAsync(new System.Security.Claims.ClaimsPrincipal(), http, policy!);
        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task The_sandbox_oauth_and_crm_api_answer_without_sign_in_but_its_control_endpoints_do_not()
    {
        using var client = app.CreateCookieClient();
        var credentials = await app.SandboxCredentialsAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
            ["refresh_token"] = credentials.RefreshToken,
        });
        using var token = await client.PostAsync(new Uri("sandbox/zoho/oauth/v2/token", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Contains("access_token", await token.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var crm = await client.GetAsync(new Uri("sandbox/zoho/crm/v8/Leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, crm.StatusCode); // the sandbox's own Zoho-style refusal, not a sign-in redirect
        Assert.Null(crm.Headers.Location);

        using var control = await client.GetAsync(new Uri("sandbox/zoho/_control/state", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, control.StatusCode);
        Assert.StartsWith("/account/signin", app.RedirectTarget(control), StringComparison.Ordinal);

        using var reset = await client.PostAsync(new Uri("sandbox/zoho/_control/reset", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
    }

    [Fact]
    public async Task The_setup_page_is_refused_once_an_admin_exists()
    {
        using var client = app.CreateCookieClient();
        using var response = await client.GetAsync(new Uri("setup", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("already has an admin", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private List<(string Method, string Path)> ApiEndpoints() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(m => (m, RouteParameter().Replace(e.RoutePattern.RawText!, Guid.NewGuid().ToString()).TrimStart('/'))))
        .ToList();

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();
}
