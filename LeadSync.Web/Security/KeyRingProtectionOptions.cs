namespace LeadSync.Web.Security;

/// <summary>
/// The <c>DataProtection</c> section: the X.509 certificate (a PFX file with its private key) that encrypts the Data
/// Protection key ring kept in the database. Without it, the keys that decrypt the stored Zoho secrets, the access token
/// and the webhook token sit next to them in plain text, so the database file alone opens everything.
/// </summary>
public sealed class KeyRingProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Path of a PFX (PKCS#12) file holding the certificate and its RSA private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password (a secret: environment or user secrets, never a committed file).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Older certificates' PFX files, to read keys they encrypted while rolling over to a new certificate (the new one
    /// encrypts every key created from now on).
    /// </summary>
    public IList<string> PreviousCertificatePaths { get; } = [];
}
