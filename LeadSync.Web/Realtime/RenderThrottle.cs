namespace LeadSync.Web.Realtime;

/// <summary>
/// Coalesces many "something changed" signals into at most one <c>flush</c> per interval (trailing edge): the first
/// signal arms a timer, later ones within the window ride along. Flushes never overlap; a signal during a flush arms
/// the next window. Used by live components so a 10,000-lead sync renders a page at most ~10 times a second.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    /// <summary>The default window: at most ten renders a second.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly Func<Task> flush;
    private readonly TimeSpan interval;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private bool armed;
    private bool flushing;
    private bool pendingWhileFlushing;
    private bool disposed;

    public RenderThrottle(TimeProvider clock, TimeSpan interval, Func<Task> flush)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.flush = flush ?? throw new ArgumentNullException(nameof(flush));
        this.interval = interval;
        timer = clock.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many times <c>flush</c> ran.</summary>
    public int FlushCount { get; private set; }

    public void Signal()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            if (flushing)
            {
                pendingWhileFlushing = true;
                return;
            }

            if (!armed)
            {
                armed = true;
                timer.Change(interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        timer.Dispose();
    }

    private async Task FlushAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            armed = false;
            flushing = true;
        }

        try
        {
            FlushCount++;
            await flush();
        }
        catch (ObjectDisposedException)
        {
            // The component went away while the flush was queued.
        }
        finally
        {
            bool again;
            lock (gate)
            {
                flushing = false;
                again = pendingWhileFlushing && !disposed;
                pendingWhileFlushing = false;
            }

            if (again)
            {
                Signal();
            }
        }
    }
}
