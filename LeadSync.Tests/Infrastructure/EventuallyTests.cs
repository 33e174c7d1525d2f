using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;

namespace LeadSync.Tests.Infrastructure;

/// <summary>The one polling helper: what it waits for, what it says when it gives up.</summary>
public sealed class EventuallyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task A_condition_that_never_holds_fails_naming_what_was_awaited()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Eventually.TrueAsync(() => false, "the moon is blue", Short, Fast));

        Assert.StartsWith("Timed out after 0.1 s waiting until the moon is blue.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_that_times_out_in_a_test_with_a_running_app_reports_what_the_app_last_logged()
    {
        await using var app = LeadSyncAppFactory.InMemory();
        app.Start();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LeadSync.Tests.Marker");
        logger.LogDebug("marker line {Value}", 42);

        var failure = await Assert.ThrowsAsync<XunitException>(() => Eventually.TrueAsync(() => false, "the moon is blue", Short, Fast));

        Assert.StartsWith("Timed out after 0.1 s waiting until the moon is blue.\nLast log lines of the app at ", failure.Message, StringComparison.Ordinal);
        Assert.Matches(@"\n  \d\d:\d\d:\d\d\.\d{3} Debug LeadSync\.Tests\.Marker: marker line 42", failure.Message);
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Database.Command", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_is_polled_until_it_holds()
    {
        var polls = 0;

        await Eventually.TrueAsync(async () => await Task.FromResult(++polls >= 3), "the third poll", interval: Fast);

        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task An_assertion_that_never_passes_fails_with_its_last_failure()
    {
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<XunitException>(() => Eventually.PassesAsync(
            () =>
            {
                attempts++;
                Assert.Equal(-1, attempts);
                return Task.CompletedTask;
            },
            "the count is negative", Short, Fast));

        Assert.StartsWith("Timed out after 0.1 s waiting until the count is negative. Last failure: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"Actual:   {attempts}", failure.Message, StringComparison.Ordinal);
        Assert.IsType<EqualException>(failure.InnerException);
    }

    [Fact]
    public async Task An_assertion_is_retried_until_it_passes_but_another_exception_ends_the_wait_at_once()
    {
        var attempts = 0;
        await Eventually.PassesAsync(() =>
        {
            Assert.True(++attempts >= 3);
            return Task.CompletedTask;
        }, "the third attempt", interval: Fast);

        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.PassesAsync(() =>
        {
            calls++;
            throw new InvalidOperationException("not an assertion");
        }, "never", interval: Fast));

        Assert.Equal(3, attempts);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_read_returns_the_value_that_met_the_condition_and_within_says_false_on_timeout()
    {
        var reads = 0;

        var value = await Eventually.ReadAsync(() => Task.FromResult(++reads * 10), v => v >= 30, "the value reaches 30", interval: Fast);
        var held = await Eventually.WithinAsync(() => Task.FromResult(false), Short, Fast);

        Assert.Equal(30, value);
        Assert.False(held);
    }
}
