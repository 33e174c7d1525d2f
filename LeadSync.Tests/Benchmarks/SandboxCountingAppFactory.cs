using LeadSync.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Benchmarks;

/// <summary>The test host, with the Zoho calls reaching its built-in sandbox counted in <see cref="Calls"/>.</summary>
public sealed class SandboxCountingAppFactory : LeadSyncAppFactory
{
    public SandboxWriteCounter Calls { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Calls));
    }
}
