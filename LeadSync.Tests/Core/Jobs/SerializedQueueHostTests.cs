using Coravel;
using Coravel.Queuing.Interfaces;
using LeadSync.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Tests.Core.Jobs;

/// <summary>Coravel's queue consumed by one consumer at a time, shutdown included.</summary>
public sealed class SerializedQueueHostTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void It_takes_the_place_of_Coravels_own_queue_host()
    {
        var services = new ServiceCollection().AddQueue();

        SerializedQueueHost.ReplaceCoravelHost(services);

        var hosts = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType!.Name).ToList();
        Assert.Equal([nameof(SerializedQueueHost)], hosts);
        Assert.Throws<InvalidOperationException>(() => SerializedQueueHost.ReplaceCoravelHost(services)); // never two consumers
    }

    [Fact] // the suite once failed an app's stop: Coravel's shutdown consume ran beside its timer's and invoked a null task
    public async Task A_task_queued_while_stopping_runs_after_the_consume_in_flight_not_beside_it()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new("Coravel:Queue:ConsummationDelay", "1")]).Build())
            .AddLogging()
            .AddQueue();
        SerializedQueueHost.ReplaceCoravelHost(services);
        await using var provider = services.BuildServiceProvider();
        var queue = provider.GetRequiredService<IQueue>();
        var host = provider.GetServices<IHostedService>().Single();
        var (aStarted, releaseA, bStarted) = (new TaskCompletionSource(), new TaskCompletionSource(), new TaskCompletionSource());
        var aEnded = false;
        var bSawAEnded = false;
        await host.StartAsync(Token);

        queue.QueueAsyncTask(async () =>
        {
            aStarted.TrySetResult();
            await releaseA.Task;
            aEnded = true;
        });
        await aStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        var stop = host.StopAsync(Token);
        queue.QueueAsyncTask(() =>
        {
            bSawAEnded = Volatile.Read(ref aEnded);
            bStarted.TrySetResult();
            return Task.CompletedTask;
        });
        await Task.Delay(300, Token);

        Assert.False(bStarted.Task.IsCompleted); // not beside the consume in flight
        releaseA.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.True(bStarted.Task.IsCompleted); // the last consume ran it
        Assert.True(bSawAEnded);
    }
}
