using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>
/// The real app with its built-in sandbox on a loopback port (own SQLite files), every log line captured, and a way to
/// build Zoho clients over real HTTP with their own options, clock and observer.
/// </summary>
internal sealed class ZohoSandboxApp : LeadSyncAppFactory
{
    public ZohoSandboxApp()
    {
        With("Sandbox:DataPath", Path.Combine(DataDirectory, "zoho-sandbox.db"));
        WithQuietEngine();
    }

    public CapturingLoggerProvider ZohoLogs { get; } = new();

    public Uri BaseAddress => Start();

    public ZohoSandboxControl Sandbox => Services.GetRequiredService<ZohoSandboxControl>();

    /// <summary>Sandbox-mode options with fast retries (the defaults otherwise).</summary>
    public static ZohoOptions FastOptions(Action<ZohoOptions>? configure = null)
    {
        var options = new ZohoOptions { Mode = ZohoMode.Sandbox, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client of its own (own token cache, limiter and observer) sharing the app's database and sandbox.</summary>
    public ZohoTestClient CreateClient(ZohoOptions? options = null, TimeProvider? time = null)
    {
        Start();
        options ??= FastOptions();
        time ??= TimeProvider.System;
        var monitor = new TestOptionsMonitor<ZohoOptions>(options);
        var observer = new RecordingZohoObserver();
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(ZohoLogs));
        var services = Services;
        var transport = new ZohoTransport();
        var reporter = new ZohoCallReporter([observer], loggers.CreateLogger<ZohoCallReporter>());
        var settingsStore = new ZohoSettingsStore(services.GetRequiredService<LeadSync.Core.Settings.SettingsStore>(), monitor, time);
        var settings = new ZohoConnectionSettingsProvider(
            monitor, settingsStore, services.GetRequiredService<IBuiltInZohoEndpoint>());
        var tokenStore = new ZohoTokenStore(
            services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LeadSync.Core.Data.LeadSyncDbContext>>(),
            services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            time);
        var tokens = new ZohoTokenProvider(transport, tokenStore, reporter, monitor, time, loggers.CreateLogger<ZohoTokenProvider>());
        var client = new ZohoClient(transport, tokens, settings, reporter, monitor, time, loggers.CreateLogger<ZohoClient>());
        return new ZohoTestClient(client, tokens, settings, settingsStore, observer, transport, loggers);
    }

    /// <summary>Applies a sandbox fault patch.</summary>
    public void Faults(SandboxFaultPatch patch) => Sandbox.Faults.Apply(patch);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(ZohoLogs));
    }
}
