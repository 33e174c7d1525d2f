using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Counts the Zoho calls reaching the built-in sandbox, whichever instance made them: write calls (insert, update and
/// upsert — POST or PUT under <c>/sandbox/zoho/crm/v8/Leads</c>), the records they carry, the write calls the sandbox
/// refused (4xx/5xx, e.g. a 429), and read calls (GET under the same path). Installed in front of the whole pipeline.
/// </summary>
public sealed class SandboxWriteCounter : IStartupFilter
{
    private static readonly PathString LeadsPath = new("/sandbox/zoho/crm/v8/Leads");

    private readonly ConcurrentQueue<int> batchSizes = new();

    private long writeCalls;
    private long recordWrites;
    private long refusedWriteCalls;
    private long readCalls;

    public long WriteCalls => Interlocked.Read(ref writeCalls);

    /// <summary>Records carried by write calls the sandbox accepted (2xx).</summary>
    public long RecordWrites => Interlocked.Read(ref recordWrites);

    public long RefusedWriteCalls => Interlocked.Read(ref refusedWriteCalls);

    public long ReadCalls => Interlocked.Read(ref readCalls);

    /// <summary>The number of records in each accepted write call, in the order they were answered.</summary>
    public IReadOnlyList<int> BatchSizes => [.. batchSizes];

    public void Reset()
    {
        Interlocked.Exchange(ref writeCalls, 0);
        Interlocked.Exchange(ref recordWrites, 0);
        Interlocked.Exchange(ref refusedWriteCalls, 0);
        Interlocked.Exchange(ref readCalls, 0);
        batchSizes.Clear();
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return app =>
        {
            app.Use(CountAsync);
            next(app);
        };
    }

    private async Task CountAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(LeadsPath))
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            Interlocked.Increment(ref readCalls);
        }

        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method))
        {
            await next(context);
            return;
        }

        var records = await RecordsInAsync(request, context.RequestAborted);
        await next(context);
        Interlocked.Increment(ref writeCalls);
        if (context.Response.StatusCode >= 400)
        {
            Interlocked.Increment(ref refusedWriteCalls);
            return;
        }

        Interlocked.Add(ref recordWrites, records);
        batchSizes.Enqueue(records);
    }

    /// <summary>The length of the body's <c>data</c> array; the body is rewound for the sandbox to read.</summary>
    private static async Task<int> RecordsInAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
