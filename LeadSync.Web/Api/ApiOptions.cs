using System.ComponentModel.DataAnnotations;

namespace LeadSync.Web.Api;

/// <summary>
/// The <c>Api</c> section. <see cref="BootstrapKey"/> lets automation call the API before any key was created in the
/// console (give it through an environment variable or secrets: <c>Api__BootstrapKey</c>).
/// </summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string SectionName = "Api";

    public string? BootstrapKey { get; set; }

    /// <summary>Requests each key may make per <see cref="RateLimitWindowSeconds"/>.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 600;

    [Range(1, 3600)]
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>The largest request body <c>/api</c> accepts (larger → 413).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The largest body of <c>POST /api/leads/batch</c> (1,000 operations need about 300 KB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxBatchBodyBytes { get; set; } = 2 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BootstrapKey) && BootstrapKey.Trim().Length < 32)
        {
            yield return new ValidationResult("Api:BootstrapKey must be at least 32 characters (use a long random value).", [nameof(BootstrapKey)]);
        }
    }
}
