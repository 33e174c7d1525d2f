using System.Diagnostics;
using System.Globalization;
using Xunit.Sdk;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for something that happens in the background (never a fixed sleep): poll a condition, an
/// assertion or a value until it holds, and fail after a timeout with a message that names what was awaited (and, for
/// an assertion, its last failure). Every wait is cancelled with the test.
/// </summary>
/// <remarks>
/// The condition and the assertion forms have different names on purpose: an async lambda that returns something other
/// than <see cref="bool"/> would silently bind to an assertion overload of the same name and never fail.
/// </remarks>
public static class Eventually
{
    /// <summary>How long a wait lasts unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The pause between two polls unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Polls until <paramref name="condition"/> returns true; fails naming <paramref name="what"/> on timeout.</summary>
    /// <param name="what">What is awaited, as a clause: "the outbox is drained".</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (!await WithinAsync(condition, limit, interval))
        {
            throw new XunitException(TimedOut(what, limit) + RunningApps.Describe());
        }
    }

    /// <summary>Polls until <paramref name="condition"/> returns true; fails naming <paramref name="what"/> on timeout.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), what, timeout, interval);
    }

    /// <summary>
    /// Re-runs <paramref name="assertion"/> until it passes. Only assertion failures are retried (any other exception
    /// ends the wait at once); on timeout the failure names <paramref name="what"/> and carries the last assertion failure.
    /// </summary>
    public static async Task PassesAsync(Func<Task> assertion, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var limit = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (XunitException failure)
            {
                if (Stopwatch.GetElapsedTime(started) > limit)
                {
                    throw new XunitException($"{TimedOut(what, limit)} Last failure: {failure.Message}{RunningApps.Describe()}", failure);
                }
            }

            await Task.Delay(interval ?? DefaultInterval, Token);
        }
    }

    /// <summary>Reads until <paramref name="condition"/> holds for the value read, and returns that value; fails naming <paramref name="what"/> on timeout.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(condition);
        var value = default(T)!;
        await TrueAsync(async () => condition(value = await read()), what, timeout, interval);
        return value;
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> returns true and says whether it did within <paramref name="timeout"/>,
    /// without failing: for callers that report a timeout in their own terms (the model checker's violation report).
    /// </summary>
    public static async Task<bool> WithinAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval, Token);
        }

        return true;
    }

    /// <summary>The failure's first line; the callers add what the test's running apps last logged (<see cref="RunningApps"/>).</summary>
    private static string TimedOut(string what, TimeSpan limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Timed out after {limit.TotalSeconds:0.###} s waiting until {what}.");
}
