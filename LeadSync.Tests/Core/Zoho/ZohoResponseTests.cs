using System.Text;
using System.Text.Json;
using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>
/// An answer read from the wire: its body kept as UTF-8 in a pooled buffer and parsed in place (no string, no cloned
/// document per page), read the same as a text body, and unreadable once disposed (its buffer may be lent out again).
/// </summary>
public sealed class ZohoResponseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ZohoResponse> ReadAsync(byte[] body, long? expectedLength, int status = 200) =>
        ZohoResponse.ReadAsync(status, new MemoryStream(body), expectedLength, 4_500, () => TimeSpan.FromMilliseconds(12), null, Ct);

    [Theory]
    [InlineData(null)] // no Content-Length: the buffer grows as the body arrives
    [InlineData(10L)] // a length far below the body's
    [InlineData(400_000L)]
    public async Task A_large_body_read_from_a_stream_is_the_same_JSON_whatever_length_was_announced(long? expectedLength)
    {
        var records = Enumerable.Range(0, 1_500).Select(i => new { id = (5725767000000000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Last_Name = $"Ünïcode “{i}”", Description = new string('x', 200) });
        var body = JsonSerializer.SerializeToUtf8Bytes(new { data = records, info = new { more_records = false } });
        Assert.True(body.Length > 85_000); // past the large-object threshold, as a page of 200 leads with 20 extra fields is

        using var response = await ReadAsync(body, expectedLength);

        Assert.True(response.TryGetJson(out var root));
        var data = root.GetProperty("data");
        Assert.Equal(1_500, data.GetArrayLength());
        Assert.Equal("Ünïcode “1499”", data[1_499].GetProperty("Last_Name").GetString());
        Assert.False(response.IsEmpty);
        Assert.Equal((200, 4_500, TimeSpan.FromMilliseconds(12)), (response.HttpStatus, response.CreditsRemaining, response.Duration));
        Assert.Equal(Encoding.UTF8.GetString(body), response.Body);
    }

    [Fact]
    public async Task A_body_with_a_byte_order_mark_is_JSON()
    {
        using var response = await ReadAsync([0xEF, 0xBB, 0xBF, .. "{\"code\":\"INVALID_TOKEN\"}"u8.ToArray()], null, 401);

        Assert.True(ZohoErrors.IsInvalidToken(response));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public async Task A_blank_body_is_empty_and_not_JSON(string text)
    {
        using var response = await ReadAsync(Encoding.UTF8.GetBytes(text), null);

        Assert.True(response.IsEmpty);
        Assert.False(response.TryGetJson(out _));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_an_error_with_the_status_code_and_not_a_crash()
    {
        using var response = await ReadAsync("<html>Bad gateway</html>"u8.ToArray(), null, 502);

        Assert.False(response.IsEmpty);
        Assert.False(response.TryGetJson(out _));
        var error = ZohoErrors.RequestError(response, recordLevel: false);
        Assert.NotNull(error);
        Assert.Equal(("INTERNAL_ERROR", ZohoFailureKind.Transient), (error.Code, error.Kind));
    }

    [Fact]
    public async Task A_disposed_answer_cannot_be_read_again()
    {
        var response = await ReadAsync("{\"data\":[]}"u8.ToArray(), null);
        Assert.True(response.TryGetJson(out _));

        response.Dispose();
        response.Dispose(); // twice is harmless

        Assert.Throws<ObjectDisposedException>(() => response.TryGetJson(out _));
        Assert.Throws<ObjectDisposedException>(() => response.IsEmpty);
    }

    [Fact]
    public void A_text_body_reads_as_JSON_as_before()
    {
        using var response = new ZohoResponse(200, "{\"data\":[{\"id\":\"1\"}]}", null, TimeSpan.Zero);

        Assert.True(response.TryGetJson(out var root));
        Assert.Equal("1", root.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("{\"data\":[{\"id\":\"1\"}]}", response.Body);
    }
}
