using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Diagnostics;

/// <summary>
/// The logging-scope convention for sync runs: every log line written inside
/// <c>using (logger.BeginRunScope(runId, "Push"))</c> carries <c>RunId</c> and <c>RunKind</c> as structured properties,
/// so one run's lines can be found together (console with scopes on, JSON logs, any structured sink).
/// </summary>
public static class RunLogScope
{
    public static IDisposable? BeginRunScope(this ILogger logger, Guid runId, string kind)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object>
        {
            ["RunId"] = runId,
            ["RunKind"] = kind,
        });
    }
}
