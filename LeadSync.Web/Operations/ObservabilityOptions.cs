using System.ComponentModel.DataAnnotations;

namespace LeadSync.Web.Operations;

/// <summary>
/// The <c>Observability</c> section. <see cref="Tracing"/> switches span collection (runs, Zoho calls, requests) on or
/// off; <see cref="TraceUrlTemplate"/>, when set, turns a run's trace id into a link to a trace UI (Jaeger, Tempo,
/// Grafana…), with <c>{traceId}</c> replaced. Exporting (OTLP) is switched on by the standard <c>OTEL_*</c> variables.
/// </summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    public bool Tracing { get; set; } = true;

    [RegularExpression(@"^https?://.*\{traceId\}.*$", ErrorMessage = "Observability:TraceUrlTemplate must be an http(s) URL containing {traceId}.")]
    public string? TraceUrlTemplate { get; set; }

    /// <summary>The trace UI's address for <paramref name="traceId"/>, or null without a template.</summary>
    public Uri? TraceUrl(string? traceId) =>
        string.IsNullOrEmpty(TraceUrlTemplate) || string.IsNullOrEmpty(traceId)
            ? null
            : new Uri(TraceUrlTemplate.Replace("{traceId}", Uri.EscapeDataString(traceId), StringComparison.Ordinal));
}
