using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>A tiny Kestrel server on loopback that records the watch callbacks the sandbox posts (§5).</summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<JsonObject> received = Channel.CreateUnbounded<JsonObject>();

    private CallbackReceiver(WebApplication app) => this.app = app;

    public Uri NotifyUrl { get; private set; } = null!;

    /// <summary>Lets the app's sandbox post to this receiver (it otherwise notifies only the app's own webhook).</summary>
    public LeadSyncAppFactory AllowedBy(LeadSyncAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.With("Sandbox:NotifyUrlAllowList:0", NotifyUrl.GetLeftPart(UriPartial.Path));
    }

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.MapPost("/callback", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            receiver.received.Writer.TryWrite(body!.AsObject());
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.NotifyUrl = new Uri($"{address}/callback?tenant=42");
        return receiver;
    }

    /// <summary>The first callback (in arrival order) that satisfies <paramref name="match"/>, within 15 seconds.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var callback = await received.Reader.ReadAsync(timeout.Token);
            if (match(callback))
            {
                return callback;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
