using System.Diagnostics.Metrics;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Diagnostics;

/// <summary>
/// LeadSync's own instruments (meter <c>LeadSync</c>), named the OpenTelemetry way (dotted, lower case, unit apart);
/// the host exports them (Prometheus at <c>/metrics</c>, OTLP). The sync engine, the Zoho client and the API record
/// into it; the outbox depth is sampled at scrape time. The README's metrics table lists them.
/// </summary>
public sealed class LeadSyncMetrics
{
    public const string MeterName = "LeadSync";

    private readonly Counter<long> pushes;
    private readonly Counter<long> pulls;
    private readonly Counter<long> errors;
    private readonly Counter<long> apiCalls;
    private readonly Counter<long> credits;
    private readonly Counter<long> conflicts;
    private readonly Counter<long> tokenRefreshes;
    private readonly Histogram<double> syncLag;
    private readonly Histogram<double> runDuration;
    private long queueDepth;
    private long deadLettered;
    private long creditsRemaining = -1;

    public LeadSyncMetrics(IMeterFactory meterFactory, EngineStateTracker engine, IOptionsMonitor<CreditBudgetOptions> budget)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(budget);
        Meter = meterFactory.Create(MeterName);
        pushes = Meter.CreateCounter<long>("leadsync.sync.pushed", "{lead}", "Leads pushed to Zoho, by outcome (succeeded, failed).");
        pulls = Meter.CreateCounter<long>("leadsync.sync.pulled", "{lead}", "Leads pulled from Zoho, by outcome (created, updated, deleted, conflict, unchanged).");
        errors = Meter.CreateCounter<long>("leadsync.sync.errors", "{error}", "Sync errors by Zoho error code.");
        apiCalls = Meter.CreateCounter<long>("leadsync.api.calls", "{call}", "REST API calls by method, route and status code.");
        credits = Meter.CreateCounter<long>("leadsync.zoho.credits", "{credit}", "Zoho API credits spent, by operation.");
        syncLag = Meter.CreateHistogram<double>("leadsync.sync.lag", "s", "Seconds from a local change to its successful push.");
        runDuration = Meter.CreateHistogram<double>("leadsync.sync.run.duration", "s", "Duration of sync runs, by kind (push, pull).");
        Meter.CreateObservableGauge("leadsync.outbox.depth", () => Interlocked.Read(ref queueDepth), "{entry}", "Outbox entries waiting to be pushed (sampled at scrape).");
        Meter.CreateObservableGauge("leadsync.outbox.dead_lettered", () => Interlocked.Read(ref deadLettered), "{entry}", "Outbox entries that stopped retrying (sampled at scrape).");
        conflicts = Meter.CreateCounter<long>("leadsync.sync.conflicts", "{conflict}", "Conflicts found by sync runs, by run kind.");
        tokenRefreshes = Meter.CreateCounter<long>("leadsync.zoho.token.refreshes", "{refresh}", "Zoho access-token refreshes, by outcome (succeeded, failed).");
        Meter.CreateObservableGauge("leadsync.zoho.credits.remaining", ObserveCreditsRemaining, "{credit}", "Zoho API credits left today, as Zoho's last answer said (X-API-CREDITS-REMAINING).");
        Meter.CreateObservableGauge("leadsync.zoho.credits.budget", () => (long)budget.CurrentValue.DailyCreditBudget, "{credit}", "The deployment's credit budget for 24 hours (Sync:DailyCreditBudget).");
        Meter.CreateObservableGauge("leadsync.zoho.unauthorized", () => engine.IsUnauthorized ? 1 : 0, unit: null, description: "1 while Zoho refuses LeadSync's credentials (the engine is Unauthorized), else 0.");
    }

    /// <summary>The meter the instruments belong to (its <c>Scope</c> is the app's meter factory).</summary>
    public Meter Meter { get; }

    public void RecordPush(long count, string outcome) => pushes.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordPull(long count, string outcome) => pulls.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordError(string code) => errors.Add(1, new KeyValuePair<string, object?>("code", code));

    /// <summary>
    /// Counts an API call. The method label is one of the standard methods or <c>_OTHER</c> (as OpenTelemetry's HTTP
    /// conventions do), so a caller inventing methods cannot add label values without bound.
    /// </summary>
    public void RecordApiCall(string method, string route, int statusCode) => apiCalls.Add(1,
        new KeyValuePair<string, object?>("method", KnownMethod(method)),
        new KeyValuePair<string, object?>("route", route),
        new KeyValuePair<string, object?>("status", statusCode));

    private static string KnownMethod(string method) => method.ToUpperInvariant() switch
    {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "_OTHER",
    };

    public void RecordCredits(long count, string operation) => credits.Add(count, new KeyValuePair<string, object?>("operation", operation));

    public void RecordConflicts(long count, string kind) => conflicts.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void RecordTokenRefresh(bool succeeded) =>
        tokenRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));

    /// <summary>Keeps the credits Zoho says are left today (the <c>leadsync.zoho.credits.remaining</c> gauge).</summary>
    public void SetCreditsRemaining(long remaining) => Interlocked.Exchange(ref creditsRemaining, remaining);

    public void RecordSyncLag(TimeSpan lag) => syncLag.Record(Math.Max(0, lag.TotalSeconds));

    public void RecordRunDuration(string kind, TimeSpan duration) =>
        runDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Sets the outbox gauges (see <see cref="OutboxDepthSampler"/>).</summary>
    public void SetQueueDepth(long waiting, long deadLetteredCount)
    {
        Interlocked.Exchange(ref queueDepth, waiting);
        Interlocked.Exchange(ref deadLettered, deadLetteredCount);
    }

    /// <summary>No value until Zoho has answered with the header once (a gauge of -1 would read as "credits spent").</summary>
    private IEnumerable<Measurement<long>> ObserveCreditsRemaining()
    {
        var value = Interlocked.Read(ref creditsRemaining);
        return value < 0 ? [] : [new Measurement<long>(value)];
    }
}
