using System.Net;
using LeadSync.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Web.Security;

/// <summary>The per-address sliding window behind the 429s, on a fake clock.</summary>
public sealed class FailedAttemptTrackerTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("203.0.113.8");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private FailedAttemptTracker Tracker(int maxTracked = 10_000) => new(
        Options.Create(new FailedAttemptOptions { MaxTrackedAddresses = maxTracked }), clock, NullLogger<FailedAttemptTracker>.Instance);

    [Fact]
    public void An_address_is_refused_at_the_limit_until_its_oldest_failure_leaves_the_window()
    {
        var tracker = Tracker();
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(tracker.RetryAfter(FailedAttemptKind.SignIn, Attacker));
            tracker.RecordFailure(FailedAttemptKind.SignIn, Attacker);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        // Ten failures between 09:00:00 and 09:01:30; now 09:01:40: blocked until the first leaves the 5-minute window.
        Assert.Equal(TimeSpan.FromSeconds(200), tracker.RetryAfter(FailedAttemptKind.SignIn, Attacker));
        clock.Advance(TimeSpan.FromSeconds(200));
        Assert.Null(tracker.RetryAfter(FailedAttemptKind.SignIn, Attacker));

        // Sliding: nine are still in the window, so one more failure blocks again.
        tracker.RecordFailure(FailedAttemptKind.SignIn, Attacker);
        Assert.NotNull(tracker.RetryAfter(FailedAttemptKind.SignIn, Attacker));
    }

    [Fact]
    public void Addresses_and_kinds_are_counted_apart()
    {
        var tracker = Tracker();
        for (var i = 0; i < 20; i++)
        {
            tracker.RecordFailure(FailedAttemptKind.ApiKey, Attacker);
        }

        Assert.Equal(TimeSpan.FromMinutes(1), tracker.RetryAfter(FailedAttemptKind.ApiKey, Attacker));
        Assert.Null(tracker.RetryAfter(FailedAttemptKind.ApiKey, Neighbour));
        Assert.Null(tracker.RetryAfter(FailedAttemptKind.SignIn, Attacker));
    }

    [Fact]
    public void Ipv6_clients_are_counted_per_64_network_and_mapped_ipv4_as_ipv4()
    {
        Assert.Equal(
            FailedAttemptTracker.KeyOf(IPAddress.Parse("2001:db8:1:2:aaaa::1")),
            FailedAttemptTracker.KeyOf(IPAddress.Parse("2001:db8:1:2:bbbb::2")));
        Assert.NotEqual(
            FailedAttemptTracker.KeyOf(IPAddress.Parse("2001:db8:1:2::1")),
            FailedAttemptTracker.KeyOf(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("203.0.113.7", FailedAttemptTracker.KeyOf(Attacker.MapToIPv6()));
        Assert.Equal("unknown", FailedAttemptTracker.KeyOf(null));
    }

    [Fact]
    public void Memory_stays_bounded_forgetting_expired_addresses_first_then_the_quietest()
    {
        var tracker = Tracker(maxTracked: 100);
        for (var i = 0; i < 100; i++)
        {
            tracker.RecordFailure(FailedAttemptKind.SignIn, IPAddress.Parse($"198.51.100.{i}"));
        }

        clock.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 10; i++)
        {
            tracker.RecordFailure(FailedAttemptKind.SignIn, Attacker);
        }

        tracker.RecordFailure(FailedAttemptKind.SignIn, Neighbour);
        Assert.Equal(2, tracker.TrackedAddresses(FailedAttemptKind.SignIn));

        for (var i = 0; i < 500; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            tracker.RecordFailure(FailedAttemptKind.SignIn, IPAddress.Parse($"192.0.2.{i % 250}").MapToIPv6());
            tracker.RecordFailure(FailedAttemptKind.SignIn, IPAddress.Parse($"2001:db8:{i}::1"));
        }

        Assert.True(tracker.TrackedAddresses(FailedAttemptKind.SignIn) <= 100);
    }
}
