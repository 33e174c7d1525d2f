using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The real LeadSync.Web app on a real loopback socket (Kestrel on a free port), with its own throwaway SQLite file
/// (or a PostgreSQL database when <see cref="UsePostgres"/> is given), demo data off. Settings can be overridden per test.
/// Every page needs a signed-in admin and <c>/api</c> an API key: the factory seeds an admin
/// (<see cref="AdminEmail"/>/<see cref="AdminPassword"/>) and a <see cref="BootstrapApiKey"/>, and offers
/// <see cref="CreateAdminClientAsync"/>, <see cref="CreateApiClient"/> and <see cref="SignInAsync(IPage, string?, string?)"/>.
/// </summary>
public partial class LeadSyncAppFactory : WebApplicationFactory<Program>
{
    /// <summary>The admin every test app starts with (test-only credentials).</summary>
    public const string AdminEmail = "admin@leadsync.test";

    public const string AdminPassword = "Test-only-Pa55word!";

    /// <summary>The <c>Api:BootstrapKey</c> every test app starts with.</summary>
    public const string BootstrapApiKey = "lsk_test-bootstrap-key-0123456789abcdefghijklmnopq";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private bool started;
    private LogLevel captureLevel = LogLevel.Debug;

    public LeadSyncAppFactory()
    {
        Directory.CreateDirectory(directory);
        settings["Database:Provider"] = "Sqlite";
        settings["Database:SqlitePath"] = Path.Combine(directory, "leadsync.db");
        settings["DemoData:Enabled"] = "false";
        settings["Sandbox:DataPath"] = Path.Combine(directory, "zoho-sandbox.db");
        settings["Admin:Email"] = AdminEmail;
        settings["Admin:Password"] = AdminPassword;
        settings["Api:BootstrapKey"] = BootstrapApiKey;
        // No Zoho watch channel unless a test asks (Webhooks:Enabled=true): callbacks would pull changes (and spend
        // sandbox credits) behind the back of tests that count pulls, runs or calls.
        settings["Webhooks:Enabled"] = "false";
        UseKestrel(0);
    }

    /// <summary>Every log line the app wrote (Debug and up unless <see cref="WithLogCapture"/> says otherwise).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A folder of this app instance's own, deleted on dispose.</summary>
    public string DataDirectory => directory;

    /// <summary>True once the app runs (settings can no longer change).</summary>
    public bool HasStarted => started;

    /// <summary>
    /// Keeps the sync engine from calling Zoho on its own (no scheduled pull, no notification channel), for tests that
    /// count the sandbox's calls, credits or tokens exactly.
    /// </summary>
    public LeadSyncAppFactory WithQuietEngine() => With("Sync:PullInterval", "00:00:00").With("Webhooks:Enabled", "false");

    /// <summary>
    /// Captures log lines from <paramref name="minimum"/> up instead of Debug. Benchmarks log as a production server
    /// does: capturing every Debug line (each SQL command) costs CPU and a heap that grows by hundreds of MB per 10,000
    /// leads, whose collections then pause the very calls being timed.
    /// </summary>
    public LeadSyncAppFactory WithLogCapture(LogLevel minimum)
    {
        if (started)
        {
            throw new InvalidOperationException("Logging must be chosen before the app starts.");
        }

        captureLevel = minimum;
        return this;
    }

    /// <summary>The credentials the app's built-in sandbox accepts (generated on its first start unless configured).</summary>
    public async Task<LeadSync.Core.Zoho.ZohoClientCredentials> SandboxCredentialsAsync()
    {
        Start();
        return await Services.GetRequiredService<LeadSync.ZohoSandbox.SandboxCredentialStore>().GetAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Overrides one configuration value (before the app starts).</summary>
    public LeadSyncAppFactory With(string key, string? value)
    {
        if (started)
        {
            throw new InvalidOperationException("Settings must be given before the app starts.");
        }

        settings[key] = value;
        return this;
    }

    /// <summary>Runs the app on PostgreSQL with the given connection string.</summary>
    public LeadSyncAppFactory UsePostgres(string connectionString) =>
        With("Database:Provider", "Postgres").With("ConnectionStrings:LeadSync", connectionString);

    /// <summary>Starts the app (once) and returns its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        if (!started)
        {
            started = true;
            StartServer();
        }

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Serve package assets (_content/MudBlazor/…) from their NuGet folders as Development does.
        builder.UseStaticWebAssets();
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Program reads some settings while building services (e.g. the database provider and path): host settings are
        // visible then, whereas ConfigureAppConfiguration below only applies once the host is built.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, captureLevel);
        });
    }

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
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = Start() };
    }

    /// <summary>An HTTP client for <c>/api</c> sending <c>Authorization: Bearer</c> with the given key (default: the bootstrap key).</summary>
    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Start() };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey ?? BootstrapApiKey);
        return client;
    }

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

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bname=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TryDelete();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TryDelete();
        GC.SuppressFinalize(this);
    }

    private void TryDelete()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
