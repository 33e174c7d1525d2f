using System.Text;
using System.Text.Json;
using LeadSync.Core.Buffers;

namespace LeadSync.Core.Zoho;

/// <summary>
/// A raw Zoho HTTP answer (status and body), how long it took, and Zoho's clock when it answered (its <c>Date</c> header).
/// An answer read from the wire keeps its body as UTF-8 in a pooled buffer and parses it in place: a page of 200
/// records with 20 extra fields each is ~250 KB, and a string of it, the copy a parse makes of that string and the
/// cloned document were each a large-object-heap array — what made a pull of such pages run full garbage collections
/// (issue 18's benchmark). <see cref="Dispose"/> gives the buffers back; the client disposes an answer once it has read
/// it. One left undisposed is only garbage.
/// </summary>
internal sealed class ZohoResponse : IDisposable
{
    private static readonly byte[] Preamble = [0xEF, 0xBB, 0xBF];
    private PooledByteWriter? utf8;
    private string? body;
    private JsonDocument? document;
    private bool parsed;
    private bool disposed;

    /// <summary>An answer whose body is text (tests, downloads' error answers).</summary>
    public ZohoResponse(int httpStatus, string body, int? creditsRemaining, TimeSpan duration)
    {
        HttpStatus = httpStatus;
        this.body = body ?? string.Empty;
        CreditsRemaining = creditsRemaining;
        Duration = duration;
    }

    private ZohoResponse(int httpStatus, PooledByteWriter utf8, int? creditsRemaining, TimeSpan duration)
    {
        HttpStatus = httpStatus;
        this.utf8 = utf8;
        CreditsRemaining = creditsRemaining;
        Duration = duration;
    }

    public int HttpStatus { get; }

    public int? CreditsRemaining { get; }

    public TimeSpan Duration { get; }

    /// <summary>The answer's <c>Date</c> header (whole seconds), when Zoho sent one.</summary>
    public DateTimeOffset? ServerDate { get; init; }

    /// <summary>The body of a successful answer to a request for a file (a ZIP); null otherwise.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>The body as text (decoded when first asked for; the client itself reads <see cref="TryGetJson"/>).</summary>
    public string Body => body ??= Encoding.UTF8.GetString(Utf8.Span);

    public bool IsEmpty => Bytes is null && (HttpStatus is 204 or 304 || IsBlank(Utf8.Span));

    /// <summary>
    /// An answer whose body is read from <paramref name="stream"/> into a pooled buffer (sized by
    /// <paramref name="expectedLength"/> when known).
    /// </summary>
    public static async Task<ZohoResponse> ReadAsync(
        int httpStatus, Stream stream, long? expectedLength, int? creditsRemaining, Func<TimeSpan> elapsed, DateTimeOffset? serverDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(elapsed);
        var buffer = new PooledByteWriter((int)Math.Clamp((expectedLength ?? 0) + 1, 0, Array.MaxLength)); // + 1: the end is read without growing
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.GetMemory(), cancellationToken)) > 0)
            {
                buffer.Advance(read);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        return new ZohoResponse(httpStatus, buffer, creditsRemaining, elapsed()) { ServerDate = serverDate };
    }

    /// <summary>
    /// The body as JSON, parsed once however many readers ask (the error check, then the results): false when it is
    /// not JSON. The element is valid until the answer is disposed.
    /// </summary>
    public bool TryGetJson(out JsonElement root)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!parsed)
        {
            parsed = true;
            document = Parse();
        }

        root = document?.RootElement ?? default;
        return document is not null;
    }

    private JsonDocument? Parse()
    {
        var utf8 = Utf8;
        if (utf8.Span.StartsWith(Preamble))
        {
            utf8 = utf8[Preamble.Length..];
        }

        if (IsBlank(utf8.Span))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Nothing but JSON whitespace.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> utf8) => utf8.Trim(" \t\r\n"u8).IsEmpty;

    private ReadOnlyMemory<byte> Utf8
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this); // the pool may have lent the buffer out again
            return utf8 is not null ? utf8.WrittenMemory : Encoding.UTF8.GetBytes(body ?? string.Empty);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        document?.Dispose();
        document = null;
        utf8?.Dispose();
        utf8 = null;
    }
}
