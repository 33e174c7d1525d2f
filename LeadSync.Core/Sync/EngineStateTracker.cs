using LeadSync.Core.Sync.Events;

namespace LeadSync.Core.Sync;

/// <summary>
/// This instance's engine state (singleton): pulling, pushing N, rate limited, unauthorized or idle; publishes
/// <see cref="EngineStateChanged"/> whenever what the indicator shows changes. Rate limited lasts until the engine's
/// next call to Zoho (<see cref="RetryAt"/>) and ends as soon as a call succeeds.
/// </summary>
public sealed class EngineStateTracker(ISyncEventSink events, SyncInstance instance, TimeProvider clock)
{
    private static readonly TimeSpan RateLimitedFor = TimeSpan.FromSeconds(10);
    private readonly Lock gate = new();
    private int pushing;
    private int pulling;
    private bool unauthorized;
    private string? unauthorizedDetail;
    private string? budgetSpentDetail;
    private string? lastError;
    private DateTimeOffset rateLimitedUntil;
    private DateTimeOffset? retryAt;
    private EngineStateChanged? lastPublished;

    public DateTimeOffset? LastPullAt { get; private set; }

    public int PendingCount { get; private set; }

    public bool IsUnauthorized => Volatile.Read(ref unauthorized);

    public int PushingCount => Volatile.Read(ref pushing);

    /// <summary>While rate limited: when the engine calls Zoho again, when the client said so (null otherwise).</summary>
    public DateTimeOffset? RetryAt
    {
        get
        {
            lock (gate)
            {
                return KnownRetryAt;
            }
        }
    }

    private bool RateLimitedNow => rateLimitedUntil > clock.GetUtcNow();

    private DateTimeOffset? KnownRetryAt => RateLimitedNow && retryAt > clock.GetUtcNow() ? retryAt : null;

    public EngineState State
    {
        get
        {
            lock (gate)
            {
                return Compute().State;
            }
        }
    }

    public string? Detail
    {
        get
        {
            lock (gate)
            {
                return Compute().Detail;
            }
        }
    }

    public void PushStarted(int count) => Change(() => pushing += count);

    public void PushFinished(int count) => Change(() => pushing = Math.Max(0, pushing - count));

    public void PullStarted() => Change(() => pulling++);

    public void PullFinished(DateTimeOffset? at, string? error)
    {
        Change(() =>
        {
            pulling = Math.Max(0, pulling - 1);
            if (at is not null)
            {
                LastPullAt = at;
            }

            lastError = error;
        });
    }

    public void RunFailed(string? error) => Change(() => lastError = error);

    /// <summary>
    /// Zoho answered 429: rate limited until the engine's retry in <paramref name="retryIn"/> (the client's backoff), or
    /// for ten seconds when no retry time is known (it is then not shown).
    /// </summary>
    public void RateLimited(TimeSpan? retryIn = null) => Change(() =>
    {
        rateLimitedUntil = clock.GetUtcNow() + (retryIn ?? RateLimitedFor);
        retryAt = retryIn is { } wait ? clock.GetUtcNow() + wait : null;
    });

    /// <summary>A call went through: Zoho takes calls again, so a rate limit ends now rather than when its wait runs out.</summary>
    public void CallSucceeded()
    {
        bool limited;
        lock (gate)
        {
            limited = rateLimitedUntil != default;
        }

        if (limited)
        {
            Change(() => (rateLimitedUntil, retryAt) = (default, null));
        }
    }

    /// <summary>
    /// Zoho refused LeadSync's credentials (invalid, expired beyond refresh, or revoked: <paramref name="code"/>): the
    /// engine turns Unauthorized with the one message pages, runs and health checks show. Returns that message.
    /// </summary>
    public string CredentialsRefused(string? code)
    {
        var message = $"Zoho refused LeadSync's credentials ({code}). Changes keep queuing; sync resumes when a valid token is configured.";
        Unauthorized(message);
        return message;
    }

    public void Unauthorized(string detail) => Change(() =>
    {
        unauthorized = true;
        unauthorizedDetail = detail;
    });

    public void Authorized() => Change(() =>
    {
        unauthorized = false;
        unauthorizedDetail = null;
    });

    /// <summary>The deployment's daily credit budget is spent: sync pauses (see <c>CreditBudget</c>).</summary>
    public void BudgetSpent(string detail)
    {
        if (!string.Equals(Volatile.Read(ref budgetSpentDetail), detail, StringComparison.Ordinal))
        {
            Change(() => budgetSpentDetail = detail);
        }
    }

    public void BudgetAvailable()
    {
        if (Volatile.Read(ref budgetSpentDetail) is not null)
        {
            Change(() => budgetSpentDetail = null);
        }
    }

    public void SetPendingCount(int count) => Change(() => PendingCount = count);

    public void SetLastPullAt(DateTimeOffset? at) => Change(() => LastPullAt ??= at);

    private void Change(Action mutate)
    {
        EngineStateChanged? publish = null;
        lock (gate)
        {
            mutate();
            var (state, detail) = Compute();
            var next = new EngineStateChanged(
                clock.GetUtcNow(), instance.Id, state, pushing, LastPullAt, PendingCount, detail, KnownRetryAt);
            if (lastPublished is null || lastPublished.State != next.State || lastPublished.PushingCount != next.PushingCount
                || lastPublished.LastPullAt != next.LastPullAt || lastPublished.PendingCount != next.PendingCount || lastPublished.Detail != next.Detail
                || lastPublished.RetryAt != next.RetryAt)
            {
                lastPublished = next;
                publish = next;
            }
        }

        if (publish is not null)
        {
            events.Publish(publish);
        }
    }

    private (EngineState State, string? Detail) Compute()
    {
        if (unauthorized)
        {
            return (EngineState.Unauthorized, unauthorizedDetail);
        }

        if (budgetSpentDetail is not null)
        {
            return (EngineState.BudgetSpent, budgetSpentDetail);
        }

        if (RateLimitedNow)
        {
            return (EngineState.RateLimited, "Zoho answered 429 Too Many Requests; retrying with backoff.");
        }

        if (pulling > 0)
        {
            return (EngineState.Pulling, null);
        }

        if (pushing > 0)
        {
            return (EngineState.Pushing, $"Pushing {pushing}");
        }

        return lastError is null ? (EngineState.Idle, null) : (EngineState.Error, lastError);
    }
}
