using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>The one place Zoho date-times are parsed and formatted (§2.1).</summary>
public sealed class ZohoDateTimeTests
{
    [Theory]
    [InlineData("2024-05-01T10:20:30+05:30")]
    [InlineData("2024-05-10T01:10:47-07:00")]
    [InlineData("2024-12-31T23:59:59+05:45")]
    [InlineData("2024-01-01T00:00:00+00:00")]
    [InlineData("2024-03-10T02:30:00-03:30")]
    public void Zoho_times_round_trip_exactly_with_their_offset(string text)
    {
        // §2.1: yyyy-MM-ddTHH:mm:ss±HH:mm, offset of the API user's time zone
        var parsed = ZohoDateTime.Parse(text)!.Value;

        Assert.Equal(text, ZohoDateTime.Format(parsed));
    }

    [Fact]
    public void Parsing_keeps_the_offset_zoho_sent()
    {
        // §2.1, §7.10: offsets reflect the API user's time zone
        var parsed = ZohoDateTime.Parse("2024-05-02T09:00:01+05:30")!.Value;

        Assert.Equal(TimeSpan.FromMinutes(330), parsed.Offset);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 3, 30, 1, TimeSpan.Zero), parsed);
    }

    [Fact]
    public void Formatting_drops_fractions_and_always_writes_an_offset()
    {
        // §2.1, §2.2 If-Modified-Since: whole seconds, explicit offset
        var value = new DateTimeOffset(2024, 5, 1, 10, 20, 30, 999, TimeSpan.FromHours(-7));

        Assert.Equal("2024-05-01T10:20:30-07:00", ZohoDateTime.Format(value));
        Assert.Equal("2024-05-01T10:20:30+00:00", ZohoDateTime.Format(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero)));
    }

    [Fact]
    public void Empty_is_null_and_garbage_is_a_format_error()
    {
        // §2.1: null fields come back as JSON null
        Assert.Null(ZohoDateTime.Parse(null));
        Assert.Null(ZohoDateTime.Parse(""));
        Assert.Throws<FormatException>(() => ZohoDateTime.Parse("yesterday"));
    }
}
