namespace LeadSync.Web.Operations;

/// <summary>
/// The <c>Metrics</c> section: who may read <c>/metrics</c>. Always a signed-in admin; without one, callers on the same
/// machine (loopback, e.g. a sidecar) when <see cref="AllowLoopback"/>, and anyone sending
/// <c>Authorization: Bearer &lt;Token&gt;</c> when <see cref="Token"/> is set (give it through the environment).
/// </summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public bool AllowLoopback { get; set; } = true;

    public string? Token { get; set; }
}
