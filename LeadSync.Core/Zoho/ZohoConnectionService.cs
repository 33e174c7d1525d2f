using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The Settings page's view of the Zoho connection: reads it without secrets, saves changes to the encrypted settings
/// store (dropping the access token minted for the old credentials), and tests it with a token check plus the cheapest
/// list call, explaining the failure in words an admin can act on.
/// </summary>
public sealed class ZohoConnectionService(
    ZohoSettingsStore store,
    IZohoConnectionSettingsProvider connection,
    IOptionsMonitor<ZohoOptions> options,
    IZohoClient client,
    IServiceProvider services,
    IDbContextFactory<LeadSyncDbContext> contexts)
{
    /// <summary>The scopes LeadSync needs (§1.7): Leads CRUD and the notification (watch) API.</summary>
    public const string RequiredScopes = "ZohoCRM.modules.leads.ALL,ZohoCRM.notifications.ALL";

    public async Task<ZohoConnectionView> GetAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var stored = await store.GetAsync(cancellationToken);
        var effective = await connection.GetAsync(cancellationToken);
        var clientId = stored.ClientId ?? o.ClientId;
        return new ZohoConnectionView(
            effective.Mode,
            effective.DataCenter,
            clientId,
            !string.IsNullOrWhiteSpace(stored.ClientSecret ?? o.ClientSecret),
            !string.IsNullOrWhiteSpace(stored.RefreshToken ?? o.RefreshToken),
            effective.AccountsUrl);
    }

    /// <summary>Checks the update; every failure names its field.</summary>
    public static IReadOnlyList<ValidationFailure> Validate(ZohoConnectionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var failures = new List<ValidationFailure>();
        if (!Enum.IsDefined(update.Mode))
        {
            failures.Add(new ValidationFailure(nameof(update.Mode), "OneOf", "Mode must be Sandbox or Live."));
        }

        if (!Enum.IsDefined(update.DataCenter))
        {
            failures.Add(new ValidationFailure(nameof(update.DataCenter), "OneOf", "Data centre must be one of US, EU, IN, AU, JP, CN, CA, SA."));
        }

        if (update.ClientId is { Length: > 200 })
        {
            failures.Add(new ValidationFailure(nameof(update.ClientId), "MaxLength", "Client id must be at most 200 characters."));
        }

        if (update.ClientId is { } id && id.Trim().Any(char.IsWhiteSpace))
        {
            failures.Add(new ValidationFailure(nameof(update.ClientId), "NoSpaces", "Client id must not contain spaces."));
        }

        if (update.NewClientSecret is not null && string.IsNullOrWhiteSpace(update.NewClientSecret))
        {
            failures.Add(new ValidationFailure(nameof(update.NewClientSecret), "Required", "Client secret must not be blank when replacing it."));
        }

        if (update.NewRefreshToken is not null && string.IsNullOrWhiteSpace(update.NewRefreshToken))
        {
            failures.Add(new ValidationFailure(nameof(update.NewRefreshToken), "Required", "Refresh token must not be blank when replacing it."));
        }

        return failures;
    }

    /// <summary>Stores the connection (secrets encrypted) and drops every cached access token, so the next call mints one.</summary>
    public async Task SaveAsync(ZohoConnectionUpdate update, CancellationToken cancellationToken = default)
    {
        var failures = Validate(update);
        if (failures.Count > 0)
        {
            throw new Settings.SettingsValidationException(failures);
        }

        var stored = await store.GetAsync(cancellationToken);
        await store.SaveAsync(new ZohoConnectionOverrides
        {
            Mode = update.Mode,
            DataCenter = update.DataCenter,
            ClientId = update.ClientId,
            ClientSecret = update.NewClientSecret ?? stored.ClientSecret,
            RefreshToken = update.NewRefreshToken ?? stored.RefreshToken,
        }, cancellationToken);

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Set<ZohoStoredToken>().ExecuteDeleteAsync(cancellationToken);
        }

        (services.GetService(typeof(ZohoTokenProvider)) as ZohoTokenProvider)?.Forget();
    }

    /// <summary>Obtains a token and lists one lead; on failure says exactly what is wrong.</summary>
    public async Task<ZohoConnectionTestResult> TestAsync(CancellationToken cancellationToken = default)
    {
        var settings = await connection.GetAsync(cancellationToken);
        try
        {
            await client.EnsureAuthorizedAsync(cancellationToken);
            var request = new ZohoListRequest { Fields = ["Last_Name"], PerPage = 1, SortBy = "id" };
            await foreach (var page in client.ListLeadsAsync(request, cancellationToken))
            {
                _ = page;
                break;
            }

            return new ZohoConnectionTestResult(true, "OK",
                $"Connected to Zoho {(settings.Mode == ZohoMode.Sandbox ? "sandbox" : settings.DataCenter + " data centre")}: a token was issued and the Leads module answered.",
                null, settings.Mode, settings.AccountsUrl);
        }
        catch (ZohoApiException ex)
        {
            return Explain(ex, settings);
        }
    }

    private static ZohoConnectionTestResult Explain(ZohoApiException ex, ZohoConnectionSettings settings)
    {
        var advice = ex.Kind switch
        {
            ZohoFailureKind.InvalidClient when ex.Code == "MISSING_CREDENTIALS" =>
                "Enter the client id, client secret and refresh token, then save.",
            ZohoFailureKind.InvalidClient =>
                $"Zoho's accounts server {settings.AccountsUrl} did not recognise the client. Check the client id and secret, and that the data centre " +
                $"matches where the Zoho account lives (currently {settings.DataCenter}).",
            ZohoFailureKind.RefreshTokenRevoked =>
                "The refresh token was revoked or is not valid (invalid_code): generate a new refresh token in the Zoho API console and replace it here.",
            ZohoFailureKind.ScopeMismatch =>
                $"The token lacks a scope (OAUTH_SCOPE_MISMATCH): generate a new refresh token granting the scopes {RequiredScopes}.",
            ZohoFailureKind.TokenThrottled =>
                "Zoho throttled token requests (too many in a short time). Wait a few minutes before testing again.",
            ZohoFailureKind.Transient when ex.Code is "CONNECTION_FAILED" or "TIMEOUT" =>
                $"Zoho could not be reached ({ex.Code}): check the network, DNS and proxy from this server to {settings.AccountsUrl}.",
            ZohoFailureKind.Transient when ex.Code == "TOO_MANY_REQUESTS" =>
                "Zoho is rate limiting API calls (429). The engine backs off on its own; test again in a minute.",
            ZohoFailureKind.Transient => "Zoho answered with a temporary error. Test again in a minute.",
            _ => null,
        };
        return new ZohoConnectionTestResult(false, ex.Code, ex.Error.Message, advice, settings.Mode, settings.AccountsUrl);
    }
}
