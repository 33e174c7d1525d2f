using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's run-time fault settings and seedable random draws (one per process). Starts from
/// <c>Sandbox:Faults</c>; tests change it through <c>app.Services</c>, browsers through <c>/sandbox/zoho/_control/faults</c>.
/// </summary>
public sealed class SandboxFaultInjector
{
    private readonly Lock gate = new();
    private SandboxFaultSettings current;
    private Random random;

    public SandboxFaultInjector(IOptions<ZohoSandboxOptions> options)
    {
        var o = options.Value;
        current = new SandboxFaultSettings
        {
            LatencyMs = o.Faults.LatencyMs,
            TooManyRequestsRate = o.Faults.TooManyRequestsRate,
            ServerErrorRate = o.Faults.ServerErrorRate,
            DropResponseRate = o.Faults.DropResponseRate,
            AccessTokenLifetimeSeconds = o.AccessTokenLifetime,
            MaxConcurrentCalls = o.MaxConcurrentCalls,
            WorkflowLeadStatus = string.IsNullOrWhiteSpace(o.Faults.WorkflowLeadStatus) ? null : o.Faults.WorkflowLeadStatus,
            WorkflowDelayMs = o.Faults.WorkflowDelayMs,
            BulkJobFailureRate = o.Faults.BulkJobFailureRate,
            BulkCallbackLossRate = o.Faults.BulkCallbackLossRate,
        };
#pragma warning disable CA5394 // Fault draws, not security.
        random = o.Faults.Seed is { } seed ? new Random(seed) : new Random();
#pragma warning restore CA5394
    }

    /// <summary>Raised after every change (the sandbox page refreshes its panel).</summary>
    public event Action? Changed;

    public SandboxFaultSettings Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>Replaces all settings.</summary>
    public void Set(SandboxFaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        lock (gate)
        {
            current = settings;
        }

        Changed?.Invoke();
    }

    /// <summary>Applies a partial change and returns the new settings.</summary>
    public SandboxFaultSettings Apply(SandboxFaultPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        SandboxFaultSettings next;
        lock (gate)
        {
            next = current with
            {
                LatencyMs = patch.LatencyMs ?? current.LatencyMs,
                TooManyRequestsRate = patch.TooManyRequestsRate ?? current.TooManyRequestsRate,
                ServerErrorRate = patch.ServerErrorRate ?? current.ServerErrorRate,
                DropResponseRate = patch.DropResponseRate ?? current.DropResponseRate,
                AccessTokenLifetimeSeconds = patch.AccessTokenLifetimeSeconds ?? current.AccessTokenLifetimeSeconds,
                MaxConcurrentCalls = patch.MaxConcurrentCalls ?? current.MaxConcurrentCalls,
                WorkflowLeadStatus = patch.ClearWorkflow == true ? null
                    : string.IsNullOrWhiteSpace(patch.WorkflowLeadStatus) ? current.WorkflowLeadStatus : patch.WorkflowLeadStatus,
                WorkflowDelayMs = patch.WorkflowDelayMs ?? current.WorkflowDelayMs,
                BulkJobFailureRate = patch.BulkJobFailureRate ?? current.BulkJobFailureRate,
                BulkCallbackLossRate = patch.BulkCallbackLossRate ?? current.BulkCallbackLossRate,
                BulkDownloadFailures = patch.BulkDownloadFailures ?? current.BulkDownloadFailures,
                BulkDownloadFailureStatus = patch.BulkDownloadFailureStatus ?? current.BulkDownloadFailureStatus,
            };
            Validate(next);
            current = next;
            if (patch.Seed is { } seed)
            {
#pragma warning disable CA5394
                random = new Random(seed);
#pragma warning restore CA5394
            }
        }

        Changed?.Invoke();
        return next;
    }

    /// <summary>Re-seeds the random draws so a test gets the same sequence every run.</summary>
    public void Reseed(int seed)
    {
        lock (gate)
        {
#pragma warning disable CA5394
            random = new Random(seed);
#pragma warning restore CA5394
        }
    }

    /// <summary>
    /// The result-download fault: while <see cref="SandboxFaultSettings.BulkDownloadFailures"/> is above zero, takes one
    /// and returns the status the download must fail with; null when the download may go ahead.
    /// </summary>
    public int? TakeDownloadFailure()
    {
        lock (gate)
        {
            if (current.BulkDownloadFailures <= 0)
            {
                return null;
            }

            current = current with { BulkDownloadFailures = current.BulkDownloadFailures - 1 };
            return current.BulkDownloadFailureStatus;
        }
    }

    /// <summary>True with probability <paramref name="rate"/> (0 never draws, so unrelated draws stay deterministic).</summary>
    public bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        if (rate >= 1)
        {
            return true;
        }

        lock (gate)
        {
#pragma warning disable CA5394
            return random.NextDouble() < rate;
#pragma warning restore CA5394
        }
    }

    private static void Validate(SandboxFaultSettings s)
    {
        Check(s.LatencyMs is >= 0 and <= 600_000, "LatencyMs must be between 0 and 600000.");
        Check(s.TooManyRequestsRate is >= 0 and <= 1, "TooManyRequestsRate must be between 0 and 1.");
        Check(s.ServerErrorRate is >= 0 and <= 1, "ServerErrorRate must be between 0 and 1.");
        Check(s.DropResponseRate is >= 0 and <= 1, "DropResponseRate must be between 0 and 1.");
        Check(s.AccessTokenLifetimeSeconds is >= 1 and <= 86_400, "AccessTokenLifetimeSeconds must be between 1 and 86400.");
        Check(s.MaxConcurrentCalls is >= 1 and <= 10_000, "MaxConcurrentCalls must be between 1 and 10000.");
        Check(s.WorkflowDelayMs is >= 0 and <= 600_000, "WorkflowDelayMs must be between 0 and 600000.");
        Check(s.BulkJobFailureRate is >= 0 and <= 1, "BulkJobFailureRate must be between 0 and 1.");
        Check(s.BulkCallbackLossRate is >= 0 and <= 1, "BulkCallbackLossRate must be between 0 and 1.");
        Check(s.BulkDownloadFailures is >= 0 and <= 1000, "BulkDownloadFailures must be between 0 and 1000.");
        Check(s.BulkDownloadFailureStatus is 404 or 429 or 500, "BulkDownloadFailureStatus must be 404, 429 or 500.");
        Check(s.WorkflowLeadStatus is null || s.WorkflowLeadStatus.Length <= 120, "WorkflowLeadStatus must be at most 120 characters.");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
