using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// HTTP against the test host: every page needs a signed-in admin and <c>/api</c> an API key, so the host offers
/// <see cref="CreateAdminClientAsync"/>, <see cref="CreateApiClient"/>, <see cref="CreateCookieClient"/>,
/// <see cref="CreateAnonymousClient"/>, the forms of static pages, and <see cref="SignInAsync(IPage, string?, string?)"/>
/// for a real browser.
/// </summary>
public partial class LeadSyncAppFactory
{
    /// <summary>An HTTP client (cookies kept, redirects not followed) signed in as an admin, by default the seeded one.</summary>
    public async Task<HttpClient> CreateAdminClientAsync(string? email = null, string? password = null)
    {
        var client = CreateCookieClient();
        using var response = await PostSignInAsync(client, email ?? AdminEmail, password ?? AdminPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {email ?? AdminEmail} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }

        return client;
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects (so tests see them), not signed in.</summary>
    public HttpClient CreateCookieClient()
    {
        if (inMemory)
        {
            return CreateInMemoryClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        }

        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = Start() };
    }

    /// <summary>An HTTP client for <c>/api</c> sending <c>Authorization: Bearer</c> with the given key (default: the bootstrap key).</summary>
    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey ?? BootstrapApiKey);
        return client;
    }

    /// <summary>A plain HTTP client at the app's address: no cookies kept, no key, redirects followed.</summary>
    public HttpClient CreateAnonymousClient() =>
        inMemory ? CreateInMemoryClient(new() { AllowAutoRedirect = true, HandleCookies = false }) : new HttpClient { BaseAddress = Start() };

    /// <summary>
    /// Where a redirect goes, as a local path and query ("/leads"); a redirect to another host comes back whole,
    /// so comparing it with a local path fails.
    /// </summary>
    public string RedirectTarget(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No Location header ({(int)response.StatusCode}).");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        return location.Authority == Start().Authority ? location.PathAndQuery : location.ToString();
    }

    /// <summary>Loads the sign-in page and posts its form (with its antiforgery token); returns the post's response.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await PostFormAsync(client, "account/signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>Loads a static page, then posts its form back with the hidden fields it rendered plus <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var form = HiddenFields(html);
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The hidden inputs of a page (antiforgery token, Blazor's form handler name).</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = NameAttribute().Match(tag);
            var value = ValueAttribute().Match(tag);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : string.Empty;
            }
        }

        return fields;
    }

    /// <summary>Signs a Playwright page in through the real sign-in form and waits for the console.</summary>
    public async Task SignInAsync(IPage page, string? email = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(Start(), "account/signin").ToString());
        await page.FillAsync("#email", email ?? AdminEmail);
        await page.FillAsync("#password", password ?? AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.OrdinalIgnoreCase));
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Waits until the console's circuit is up (clicks before it are lost). Call after every full page load.</summary>
    public static Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("#leadsync-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private HttpClient CreateInMemoryClient(WebApplicationFactoryClientOptions options)
    {
        options.BaseAddress = Start();
        return CreateClient(options);
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bname=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();
}
