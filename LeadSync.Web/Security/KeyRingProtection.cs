using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Security;

/// <summary>
/// Encrypts the Data Protection key ring with the configured certificate (<see cref="KeyRingProtectionOptions"/>), as
/// ASP.NET Core documents for keys stored outside the machine: every instance that holds the same certificate shares
/// the keys, and the database alone no longer decrypts anything. Without a certificate, says so at start (a warning
/// outside Development) and on <c>/readyz</c> (<see cref="KeyRingProtectionHealthCheck"/>).
/// </summary>
internal sealed partial class KeyRingProtection(X509Certificate2? certificate, IReadOnlyList<X509Certificate2> previous, bool development)
{
    /// <summary>The certificate that encrypts new keys, or null when none is configured.</summary>
    public X509Certificate2? Certificate => certificate;

    public bool IsDevelopment => development;

    /// <summary>Certificates whose keys can be read: the current one and any previous ones.</summary>
    public IReadOnlyList<X509Certificate2> DecryptionCertificates => certificate is null ? previous : [certificate, .. previous];

    /// <summary>Reads and checks the configured certificates (a wrong path or password stops the start with a clear message).</summary>
    public static KeyRingProtection FromOptions(KeyRingProtectionOptions options, bool development)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = options.PreviousCertificatePaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Load(p, options.CertificatePassword)!).ToList();
        return new KeyRingProtection(Load(options.CertificatePath, options.CertificatePassword), previous, development);
    }

    /// <summary>Logs how the key ring is protected (once, at start).</summary>
    public void Report(ILogger logger)
    {
        if (Certificate is { } cert)
        {
            LogEncrypted(logger, cert.Thumbprint);
        }
        else if (development)
        {
            LogUnencryptedDevelopment(logger);
        }
        else
        {
            LogUnencrypted(logger);
        }
    }

    private static X509Certificate2? Load(string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new OptionsValidationException(KeyRingProtectionOptions.SectionName, typeof(KeyRingProtectionOptions),
                [$"DataProtection:CertificatePath: no certificate file at '{path}'."]);
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new OptionsValidationException(KeyRingProtectionOptions.SectionName, typeof(KeyRingProtectionOptions),
                [$"DataProtection:CertificatePath: '{path}' could not be read as a PFX file with DataProtection:CertificatePassword ({ex.GetType().Name})."]);
        }

        if (loaded.GetRSAPrivateKey() is null)
        {
            throw new OptionsValidationException(KeyRingProtectionOptions.SectionName, typeof(KeyRingProtectionOptions),
                [$"DataProtection:CertificatePath: '{path}' holds no RSA private key; the key ring needs one to be read back."]);
        }

        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data Protection key ring is encrypted with certificate {Thumbprint}")]
    private static partial void LogEncrypted(ILogger logger, string thumbprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data Protection key ring is not encrypted (Development); set DataProtection:CertificatePath for production")]
    private static partial void LogUnencryptedDevelopment(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECURITY: the Data Protection key ring is stored UNENCRYPTED in the database it protects: anyone holding the database (or a backup of it) can decrypt the stored Zoho client secret, refresh and access tokens and the webhook token. Set DataProtection:CertificatePath (a PFX with an RSA key) and DataProtection:CertificatePassword; see docs/security-and-operations.md")]
    private static partial void LogUnencrypted(ILogger logger);
}
