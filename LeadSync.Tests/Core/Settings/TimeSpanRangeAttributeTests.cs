using System.ComponentModel.DataAnnotations;
using System.Reflection;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync;

namespace LeadSync.Tests.Core.Settings;

/// <summary>
/// The bound every <see cref="TimeSpan"/> setting is checked against at start: inclusive, named in its message, and safe
/// when several apps validate their options at once (one attribute instance serves the whole process).
/// </summary>
public sealed class TimeSpanRangeAttributeTests
{
    private static readonly Type[] ProductTypes =
    [
        .. typeof(SyncOptions).Assembly.GetTypes(),
        .. typeof(LeadSync.Web.Security.FailedAttemptOptions).Assembly.GetTypes(),
    ];

    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:10:00", true)]
    [InlineData("00:00:00.999", false)]
    [InlineData("00:10:00.001", false)]
    public void Both_bounds_are_allowed_and_anything_past_them_is_refused(string value, bool valid)
    {
        var range = new TimeSpanRangeAttribute("00:00:01", "00:10:00");

        Assert.Equal(valid, range.IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(range.IsValid(null)); // no value: Required's business, as with RangeAttribute
    }

    [Fact]
    public void A_value_out_of_range_is_refused_naming_the_setting_and_both_bounds()
    {
        var options = new SyncOptions { SweepInterval = TimeSpan.FromHours(2) };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        var result = Assert.Single(results);
        Assert.Equal("The field SweepInterval must be between 00:00:00.100 and 01:00:00.", result.ErrorMessage);
        Assert.Equal([nameof(SyncOptions.SweepInterval)], result.MemberNames);
    }

    [Fact]
    public void Bounds_the_wrong_way_round_are_refused_when_the_attribute_is_made()
    {
        var failure = Assert.Throws<ArgumentException>(() => new TimeSpanRangeAttribute("00:10:00", "00:00:01"));

        Assert.Contains("00:10:00", failure.Message, StringComparison.Ordinal);
    }

    [Fact] // dotnet/runtime#1143: RangeAttribute converted its bounds on first use without a lock; one app start failed with it
    public async Task One_instance_validated_by_many_threads_at_once_never_fails()
    {
        for (var round = 0; round < 200; round++)
        {
            var range = new TimeSpanRangeAttribute("00:00:01", "00:10:00");
            using var start = new Barrier(8);
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                return range.IsValid(TimeSpan.FromMinutes(5)) && !range.IsValid(TimeSpan.FromHours(1));
            }, TestContext.Current.CancellationToken)));

            Assert.All(answers, Assert.True);
        }
    }

    [Fact]
    public void No_product_setting_uses_RangeAttribute_with_TimeSpan_bounds()
    {
        var offenders = ProductTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttributes<RangeAttribute>().Any(r => r.OperandType == typeof(TimeSpan)))
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
        Assert.Contains(ProductTypes.SelectMany(t => t.GetProperties()), p => p.GetCustomAttribute<TimeSpanRangeAttribute>() is not null); // the scan sees the settings
    }
}
