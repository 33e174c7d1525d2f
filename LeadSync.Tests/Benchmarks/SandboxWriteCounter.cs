using System.Collections.Concurrent;
using System.Text.Json;
using LeadSync.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Counts the Zoho calls reaching the built-in sandbox, whichever instance made them: write calls (insert, update and
/// upsert — POST or PUT under <c>/sandbox/zoho/crm/v8/Leads</c>), the records they carry, the write calls the sandbox
/// refused (4xx/5xx, e.g. a 429), and read calls (GET under the same path), of which list calls (<c>GET /Leads</c>,
/// also by ids) and deleted-list calls (<c>GET /Leads/deleted</c>); and the other way, the sandbox's watch callbacks
/// reaching the app's webhook (<c>POST /webhooks/zoho</c>) and the ids they name. Installed in front of the whole pipeline.
/// </summary>
public sealed class SandboxWriteCounter : IStartupFilter
{
    private static readonly PathString LeadsPath = new("/sandbox/zoho/crm/v8/Leads");
    private static readonly PathString DeletedPath = new("/sandbox/zoho/crm/v8/Leads/deleted");
    private static readonly PathString WebhookPath = new("/" + WebhookChannelManager.CallbackPath);

    private readonly ConcurrentQueue<int> batchSizes = new();

    private long writeCalls;
    private long recordWrites;
    private long refusedWriteCalls;
    private long readCalls;
    private long listCalls;
    private long deletedListCalls;
    private long notifications;
    private long notifiedIds;
    private int partialInFlight;
    private int peakPartialInFlight;

    public long WriteCalls => Interlocked.Read(ref writeCalls);

    /// <summary>Records carried by write calls the sandbox accepted (2xx).</summary>
    public long RecordWrites => Interlocked.Read(ref recordWrites);

    public long RefusedWriteCalls => Interlocked.Read(ref refusedWriteCalls);

    public long ReadCalls => Interlocked.Read(ref readCalls);

    /// <summary><c>GET /Leads</c> exactly: a page of the modified-since listing, or records fetched by id.</summary>
    public long ListCalls => Interlocked.Read(ref listCalls);

    /// <summary><c>GET /Leads/deleted</c>.</summary>
    public long DeletedListCalls => Interlocked.Read(ref deletedListCalls);

    /// <summary>Watch callbacks (Zoho notifications) posted to the app's webhook.</summary>
    public long Notifications => Interlocked.Read(ref notifications);

    /// <summary>The ids those callbacks named, summed.</summary>
    public long NotifiedIds => Interlocked.Read(ref notifiedIds);

    /// <summary>The most write calls of fewer than 100 records (partial batches) that were in flight at once.</summary>
    public int PeakPartialInFlight => Volatile.Read(ref peakPartialInFlight);

    /// <summary>The number of records in each accepted write call, in the order they were answered.</summary>
    public IReadOnlyList<int> BatchSizes => [.. batchSizes];

    public void Reset()
    {
        Interlocked.Exchange(ref writeCalls, 0);
        Interlocked.Exchange(ref recordWrites, 0);
        Interlocked.Exchange(ref refusedWriteCalls, 0);
        Interlocked.Exchange(ref readCalls, 0);
        Interlocked.Exchange(ref listCalls, 0);
        Interlocked.Exchange(ref deletedListCalls, 0);
        Interlocked.Exchange(ref notifications, 0);
        Interlocked.Exchange(ref notifiedIds, 0);
        Interlocked.Exchange(ref peakPartialInFlight, 0);
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
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(WebhookPath))
        {
            var ids = await ArrayLengthAsync(request, "ids", context.RequestAborted);
            Interlocked.Increment(ref notifications);
            Interlocked.Add(ref notifiedIds, ids);
            await next(context);
            return;
        }

        if (!request.Path.StartsWithSegments(LeadsPath))
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            Interlocked.Increment(ref readCalls);
            if (request.Path.Equals(LeadsPath))
            {
                Interlocked.Increment(ref listCalls);
            }
            else if (request.Path.Equals(DeletedPath))
            {
                Interlocked.Increment(ref deletedListCalls);
            }
        }

        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method))
        {
            await next(context);
            return;
        }

        var records = await ArrayLengthAsync(request, "data", context.RequestAborted);
        await WriteAsync(context, next, partial: records is > 0 and < 100);
        Interlocked.Increment(ref writeCalls);
        if (context.Response.StatusCode >= 400)
        {
            Interlocked.Increment(ref refusedWriteCalls);
            return;
        }

        Interlocked.Add(ref recordWrites, records);
        batchSizes.Enqueue(records);
    }

    private async Task WriteAsync(HttpContext context, RequestDelegate next, bool partial)
    {
        if (!partial)
        {
            await next(context);
            return;
        }

        var now = Interlocked.Increment(ref partialInFlight);
        for (var peak = Volatile.Read(ref peakPartialInFlight); now > peak; peak = Volatile.Read(ref peakPartialInFlight))
        {
            if (Interlocked.CompareExchange(ref peakPartialInFlight, now, peak) == peak)
            {
                break;
            }
        }

        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref partialInFlight);
        }
    }

    /// <summary>The length of the body's <paramref name="property"/> array; the body is rewound for the endpoint to read.</summary>
    private static async Task<int> ArrayLengthAsync(HttpRequest request, string property, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
                ? array.GetArrayLength()
                : 0;
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
