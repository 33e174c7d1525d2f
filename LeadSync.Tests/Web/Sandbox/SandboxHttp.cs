using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>Raw HTTP against the sandbox of one running app: token requests, authorised API calls, JSON bodies.</summary>
internal sealed class SandboxHttp : IDisposable
{
    public const string ClientId = "1000.SANDBOXCLIENT";
    public const string ClientSecret = "sandbox-client-secret";
    public const string RefreshToken = "1000.sandbox.refresh-token";

    private string? accessToken;

    public SandboxHttp(LeadSyncAppFactory app)
    {
        App = app;
        if (!app.HasStarted)
        {
            // These tests count the sandbox's calls, tokens and credits: the app's own engine must not add any.
            app.WithQuietEngine();
        }

        var baseUri = app.Start();
        Http = new HttpClient { BaseAddress = new Uri(baseUri, "sandbox/zoho/") };
    }

    public LeadSyncAppFactory App { get; }

    public HttpClient Http { get; }

    public ZohoSandboxControl Control => App.Services.GetRequiredService<ZohoSandboxControl>();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<(HttpStatusCode Status, JsonObject Body)> RequestTokenAsync(
        string clientId = ClientId, string clientSecret = ClientSecret, string refreshToken = RefreshToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["refresh_token"] = refreshToken,
        });
        using var response = await Http.PostAsync(new Uri("oauth/v2/token", UriKind.Relative), form, Ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        return (response.StatusCode, body);
    }

    public async Task<string> AccessTokenAsync()
    {
        if (accessToken is null)
        {
            var (_, body) = await RequestTokenAsync();
            accessToken = body["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("No access token: " + body.ToJsonString());
        }

        return accessToken;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? ifModifiedSince = null, bool authorize = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (authorize)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Zoho-oauthtoken " + await AccessTokenAsync());
        }

        if (ifModifiedSince is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", ifModifiedSince);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return await Http.SendAsync(request, Ct);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> CallAsync(HttpMethod method, string path, JsonNode? body = null, string? ifModifiedSince = null)
    {
        using var response = await SendAsync(method, path, body, ifModifiedSince);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Inserts leads (each given as Last_Name/Email pairs) and returns their ids.</summary>
    public async Task<List<string>> InsertAsync(params JsonObject[] records)
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "crm/v8/Leads", Data(records));
        Assert.Equal(HttpStatusCode.Created, status);
        return [.. body!["data"]!.AsArray().Select(i => i!["details"]!["id"]!.GetValue<string>())];
    }

    public async Task<JsonObject?> GetLeadAsync(string id)
    {
        var (status, body) = await CallAsync(HttpMethod.Get, $"crm/v8/Leads/{id}");
        return status == HttpStatusCode.OK ? body!["data"]![0]!.AsObject() : null;
    }

    public static JsonObject Data(params JsonObject[] records) => new() { ["data"] = new JsonArray([.. records]) };

    public static JsonObject Lead(string lastName, string? email = null, string? firstName = null) => new()
    {
        ["Last_Name"] = lastName,
        ["Email"] = email,
        ["First_Name"] = firstName,
    };

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public void Dispose() => Http.Dispose();
}
