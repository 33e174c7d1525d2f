using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's API limits (§4): credits in a rolling 24-hour window, calls in flight, and the sub-concurrency pool of
/// heavy calls (writes of more than 10 records).
/// </summary>
internal sealed class SandboxCallLimiter(IOptions<ZohoSandboxOptions> options, SandboxFaultInjector faults, TimeProvider timeProvider)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly Lock gate = new();
    private readonly Queue<(DateTimeOffset At, int Credits)> charges = new();
    private int used;
    private int inFlight;
    private int heavyInFlight;
    private int peakInFlight;

    public int DailyCredits => options.Value.DailyCredits;

    /// <summary>Credits used in the last 24 hours.</summary>
    public int CreditsUsed
    {
        get
        {
            lock (gate)
            {
                Expire();
                return used;
            }
        }
    }

    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>The most calls admitted at once since start (or the last <see cref="ResetPeak"/>).</summary>
    public int PeakInFlight => Volatile.Read(ref peakInFlight);

    /// <summary>Control: the peak starts again from the calls in flight now.</summary>
    public void ResetPeak() => Volatile.Write(ref peakInFlight, InFlight);

    /// <summary>Charges a call; false (nothing charged) when the credits would run out.</summary>
    public bool TryCharge(int credits, out int remaining)
    {
        lock (gate)
        {
            Expire();
            if (used + credits > options.Value.DailyCredits)
            {
                remaining = options.Value.DailyCredits - used;
                return false;
            }

            used += credits;
            charges.Enqueue((timeProvider.GetUtcNow(), credits));
            remaining = options.Value.DailyCredits - used;
            return true;
        }
    }

    /// <summary>True once at least half the daily credits are used: then <c>X-API-CREDITS-REMAINING</c> is sent (§4.3).</summary>
    public bool ShouldReportRemaining(int remaining) => options.Value.DailyCredits - remaining >= options.Value.DailyCredits / 2.0;

    /// <summary>Enters a call; null when more calls than the cap are already in flight.</summary>
    public IDisposable? TryEnter()
    {
        var admitted = Interlocked.Increment(ref inFlight);
        if (admitted > faults.Current.MaxConcurrentCalls)
        {
            Interlocked.Decrement(ref inFlight);
            return null;
        }

        for (var peak = Volatile.Read(ref peakInFlight); admitted > peak; peak = Volatile.Read(ref peakInFlight))
        {
            if (Interlocked.CompareExchange(ref peakInFlight, admitted, peak) == peak)
            {
                break;
            }
        }

        return new Lease(() => Interlocked.Decrement(ref inFlight));
    }

    /// <summary>Enters the heavy-call pool; null when it is full.</summary>
    public IDisposable? TryEnterHeavy()
    {
        if (Interlocked.Increment(ref heavyInFlight) > options.Value.MaxConcurrentHeavyCalls)
        {
            Interlocked.Decrement(ref heavyInFlight);
            return null;
        }

        return new Lease(() => Interlocked.Decrement(ref heavyInFlight));
    }

    /// <summary>Control: forgets all charged credits.</summary>
    public void ResetCredits()
    {
        lock (gate)
        {
            charges.Clear();
            used = 0;
        }
    }

    private void Expire()
    {
        var cutoff = timeProvider.GetUtcNow() - Window;
        while (charges.Count > 0 && charges.Peek().At <= cutoff)
        {
            used -= charges.Dequeue().Credits;
        }
    }

    private sealed class Lease(Action release) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                release();
            }
        }
    }
}
