using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>
/// Production Zoho clients built by hand over real HTTP against a test host's built-in sandbox, each with its own
/// options, clock, token cache, limiter and observer, logging every level into the host's <see cref="LeadSyncAppFactory.Logs"/>.
/// </summary>
internal static class ZohoTestClients
{
    /// <summary>Sandbox-mode options with fast retries (the defaults otherwise).</summary>
    public static ZohoOptions FastOptions(Action<ZohoOptions>? configure = null)
    {
        var options = new ZohoOptions { Mode = ZohoMode.Sandbox, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client of its own (own token cache, limiter and observer) sharing the app's database and sandbox.</summary>
    public static ZohoTestClient CreateZohoClient(this LeadSyncAppFactory app, ZohoOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Start();
        options ??= FastOptions();
        time ??= TimeProvider.System;
        var monitor = new TestOptionsMonitor<ZohoOptions>(options);
        var observer = new RecordingZohoObserver();
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(app.Logs));
        var services = app.Services;
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
        var client = new ZohoClient(transport, tokens, settings, reporter, services.GetRequiredService<IZohoCallGate>(), monitor, time, loggers.CreateLogger<ZohoClient>());
        return new ZohoTestClient(client, tokens, settings, settingsStore, observer, transport, loggers);
    }
}
