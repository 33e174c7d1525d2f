using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// The Data Protection key ring does not sit in plain text beside what it protects (issue 11.4): with a certificate
/// from configuration it is encrypted, the database file alone decrypts nothing, and an instance holding the same
/// certificate reads the keys; without one the start log and <c>/readyz</c> say so.
/// </summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private const string PfxPassword = "test-only-pfx-password";
    private readonly string directory = Directory.CreateTempSubdirectory("leadsync-keyring-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_certificate_the_start_log_and_readyz_say_the_key_ring_is_unencrypted()
    {
        await using var app = new LeadSyncAppFactory();
        var secret = (await app.SandboxCredentialsAsync()).ClientSecret; // stored encrypted, so a key exists
        using var client = app.CreateCookieClient();

        var ready = await ReadyAsync(client);
        var database = Path.Combine(app.DataDirectory, "leadsync.db");
        var keys = await KeyXmlAsync(database);

        Assert.Equal("Degraded", ready.GetProperty("checks").GetProperty("keyRing").GetProperty("status").GetString());
        Assert.Contains("unencrypted", ready.GetProperty("checks").GetProperty("keyRing").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("SECURITY: the Data Protection key ring is stored UNENCRYPTED", app.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains(keys, k => k.Contains("<masterKey", StringComparison.Ordinal) && k.Contains("<value>", StringComparison.Ordinal));
        Assert.Equal(secret, await DecryptWithTheDatabaseAloneAsync(database, SandboxCredentialStore.ClientSecretKey)); // the risk, shown
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_encrypted_and_the_database_alone_decrypts_nothing()
    {
        var pfx = CreateCertificate("leadsync-keyring");
        var database = Path.Combine(directory, "leadsync.db");
        string secret;
        await using (var app = WithCertificate(new LeadSyncAppFactory(), pfx).With("Database:SqlitePath", database))
        {
            secret = (await app.SandboxCredentialsAsync()).ClientSecret;
            using var client = app.CreateCookieClient();
            var ready = await ReadyAsync(client);
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("keyRing").GetProperty("status").GetString());
            Assert.Contains("Data Protection key ring is encrypted with certificate", app.Logs.AllText, StringComparison.Ordinal);
        }

        var keys = await KeyXmlAsync(database);
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("EncryptedData", k, StringComparison.Ordinal));
        Assert.All(keys, k => Assert.DoesNotContain("<value>", k, StringComparison.Ordinal));

        // Another instance (or a restart) with the same certificate reads what the first encrypted.
        await using (var twin = WithCertificate(new LeadSyncAppFactory(), pfx).With("Database:SqlitePath", database))
        {
            Assert.Equal(secret, (await twin.SandboxCredentialsAsync()).ClientSecret);
        }

        // Someone holding only the database file cannot.
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptWithTheDatabaseAloneAsync(database, SandboxCredentialStore.ClientSecretKey));
    }

    [Fact]
    public async Task A_certificate_path_that_does_not_exist_stops_the_start_with_a_message_naming_the_setting()
    {
        await using var app = new LeadSyncAppFactory().With("DataProtection:CertificatePath", Path.Combine(directory, "missing.pfx"));

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_start_with_a_message_naming_the_settings()
    {
        var pfx = CreateCertificate("wrong-password");
        await using var app = new LeadSyncAppFactory().With("DataProtection:CertificatePath", pfx).With("DataProtection:CertificatePassword", "not-the-password");

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("DataProtection:CertificatePassword", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static LeadSyncAppFactory WithCertificate(LeadSyncAppFactory app, string pfx) =>
        app.With("DataProtection:CertificatePath", pfx).With("DataProtection:CertificatePassword", PfxPassword);

    private string CreateCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, PfxPassword));
        return path;
    }

    private static async Task<JsonElement> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>
    /// What someone holding only the database file can do: take its key ring and a stored secret, and ask ASP.NET Core
    /// Data Protection (application "LeadSync", the settings store's purpose) to decrypt it — no certificate.
    /// </summary>
    private async Task<string> DecryptWithTheDatabaseAloneAsync(string database, string settingKey)
    {
        var ring = Directory.CreateDirectory(Path.Combine(directory, "stolen-ring-" + Guid.NewGuid().ToString("N")));
        var index = 0;
        foreach (var xml in await KeyXmlAsync(database))
        {
            await File.WriteAllTextAsync(Path.Combine(ring.FullName, $"key-{index++}.xml"), xml, Ct);
        }

        var stored = (await QueryAsync(database, $"SELECT \"Value\" FROM \"Settings\" WHERE \"Key\" = '{settingKey}'")).Single();
        var provider = DataProtectionProvider.Create(ring, builder => builder.SetApplicationName("LeadSync"));
        return provider.CreateProtector("LeadSync.Settings.v1").Unprotect(stored);
    }

    private static Task<List<string>> KeyXmlAsync(string database) => QueryAsync(database, "SELECT \"Xml\" FROM \"DataProtectionKeys\"");

    private static async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
