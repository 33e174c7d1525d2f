using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components;

/// <summary>
/// A database that has not answered yet, for component tests: while closed, every asynchronous request for a
/// <see cref="LeadSyncDbContext"/> waits, so the Core queries a page calls stay unanswered until <see cref="Open"/>.
/// Installed over the context factory before the test context builds its services; open until <see cref="Close"/>.
/// </summary>
public sealed class DatabaseGate
{
    private TaskCompletionSource gate = Opened();

    /// <summary>Puts the gate in front of the registered <see cref="IDbContextFactory{LeadSyncDbContext}"/>.</summary>
    public static DatabaseGate Install(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var original = services.Last(d => d.ServiceType == typeof(IDbContextFactory<LeadSyncDbContext>));
        var databaseGate = new DatabaseGate();
        services.AddSingleton<IDbContextFactory<LeadSyncDbContext>>(sp => new Factory(Resolve(original, sp), databaseGate));
        return databaseGate;
    }

    public void Close() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => gate.TrySetResult();

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource();
        opened.SetResult();
        return opened;
    }

    private static IDbContextFactory<LeadSyncDbContext> Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IDbContextFactory<LeadSyncDbContext>)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    private sealed class Factory(IDbContextFactory<LeadSyncDbContext> inner, DatabaseGate databaseGate) : IDbContextFactory<LeadSyncDbContext>
    {
        public LeadSyncDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<LeadSyncDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await databaseGate.gate.Task.WaitAsync(cancellationToken);
            return await inner.CreateDbContextAsync(cancellationToken);
        }
    }
}
