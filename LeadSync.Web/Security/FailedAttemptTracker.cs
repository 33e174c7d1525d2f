using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Security;

/// <summary>
/// Counts failed sign-ins and API-key attempts per client address in a sliding window (<see cref="FailedAttemptOptions"/>)
/// and says how long an address that reached the limit must wait. Memory is bounded: per address only the newest
/// <c>limit</c> failure times are kept, and at most <see cref="FailedAttemptOptions.MaxTrackedAddresses"/> addresses per
/// kind. IPv6 clients are counted per /64 (one subscriber's whole network), IPv4-mapped addresses as IPv4.
/// </summary>
internal sealed class FailedAttemptTracker(IOptions<FailedAttemptOptions> options, TimeProvider clock, ILogger<FailedAttemptTracker> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<FailedAttemptKind, Dictionary<string, Queue<DateTimeOffset>>> failures = new()
    {
        [FailedAttemptKind.SignIn] = new(StringComparer.Ordinal),
        [FailedAttemptKind.ApiKey] = new(StringComparer.Ordinal),
    };

    /// <summary>How long <paramref name="address"/> must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(FailedAttemptKind kind, IPAddress? address)
    {
        var (limit, window) = RuleFor(kind);
        var now = clock.GetUtcNow();
        var key = KeyOf(address);
        lock (gate)
        {
            var addresses = failures[kind];
            if (!addresses.TryGetValue(key, out var times))
            {
                return null;
            }

            DropExpired(times, now - window);
            if (times.Count == 0)
            {
                addresses.Remove(key);
                return null;
            }

            return times.Count >= limit ? times.Peek() + window - now : null;
        }
    }

    public void RecordFailure(FailedAttemptKind kind, IPAddress? address)
    {
        var (limit, window) = RuleFor(kind);
        var now = clock.GetUtcNow();
        var key = KeyOf(address);
        lock (gate)
        {
            var addresses = failures[kind];
            if (!addresses.TryGetValue(key, out var times))
            {
                if (addresses.Count >= options.Value.MaxTrackedAddresses)
                {
                    MakeRoom(addresses, now - window, options.Value.MaxTrackedAddresses);
                }

                times = new Queue<DateTimeOffset>(limit);
                addresses[key] = times;
            }

            DropExpired(times, now - window);
            times.Enqueue(now);
            while (times.Count > limit)
            {
                times.Dequeue();
            }

            if (times.Count == limit)
            {
                logger.LogWarning(
                    "Client {Address} reached {Limit} failed {Kind} attempts within {Window}; its further attempts are refused until {Until}",
                    key, limit, kind, window, times.Peek() + window);
            }
        }
    }

    /// <summary>The address as counted: IPv4 as is, IPv6 by its /64 network, none as "unknown".</summary>
    internal static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    internal int TrackedAddresses(FailedAttemptKind kind)
    {
        lock (gate)
        {
            return failures[kind].Count;
        }
    }

    private (int Limit, TimeSpan Window) RuleFor(FailedAttemptKind kind)
    {
        var value = options.Value;
        return kind == FailedAttemptKind.SignIn ? (value.SignInLimit, value.SignInWindow) : (value.ApiKeyLimit, value.ApiKeyWindow);
    }

    private static void DropExpired(Queue<DateTimeOffset> times, DateTimeOffset windowStart)
    {
        while (times.Count > 0 && times.Peek() <= windowStart)
        {
            times.Dequeue();
        }
    }

    /// <summary>Forgets every address whose failures have all expired; if none has, the one quiet for longest.</summary>
    private static void MakeRoom(Dictionary<string, Queue<DateTimeOffset>> addresses, DateTimeOffset windowStart, int max)
    {
        foreach (var (key, times) in addresses)
        {
            DropExpired(times, windowStart);
            if (times.Count == 0)
            {
                addresses.Remove(key);
            }
        }

        while (addresses.Count >= max)
        {
            addresses.Remove(addresses.MinBy(pair => pair.Value.Last()).Key);
        }
    }
}
