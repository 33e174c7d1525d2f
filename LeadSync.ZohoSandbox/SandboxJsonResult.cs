using LeadSync.Core.Buffers;
using Microsoft.AspNetCore.Http;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A JSON answer written to a pooled buffer (<see cref="Body"/>) and copied to the response with its length: a list page
/// of 200 records with 20 extra fields each is ~250 KB, and a growing array of it, then the copy a text result makes,
/// were each a large-object-heap array per page (full garbage collections in a pull's benchmark, which runs the sandbox
/// in its process). The buffer goes back to the pool once the answer is written (one never written is only garbage).
/// </summary>
internal sealed class SandboxJsonResult(int status, string contentType) : IResult
{
    /// <summary>Where the answer's JSON is written before it is sent.</summary>
    public PooledByteWriter Body { get; } = new(16 * 1024);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (Body)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength = Body.WrittenMemory.Length;
            await response.Body.WriteAsync(Body.WrittenMemory, httpContext.RequestAborted);
        }
    }
}
