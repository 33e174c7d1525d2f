using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A JSON answer written to a buffer rented from the shared pool and copied to the response with its length: a list page
/// of 200 records with 20 extra fields each is ~250 KB, and a growing array of it, then the copy a text result makes,
/// were each a large-object-heap array per page (full garbage collections in a pull's benchmark, which runs the sandbox
/// in its process). The buffer goes back to the pool once the answer is written (one never written is only garbage).
/// </summary>
internal sealed class SandboxJsonResult(int status, string contentType) : IResult, IBufferWriter<byte>
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int written;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength = written;
            await response.Body.WriteAsync(buffer.AsMemory(0, written), httpContext.RequestAborted);
        }
        finally
        {
            var rented = buffer;
            buffer = [];
            written = 0;
            if (rented.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = written + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
