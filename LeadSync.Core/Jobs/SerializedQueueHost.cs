using Coravel.Queuing;
using Coravel.Queuing.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Core.Jobs;

/// <summary>
/// Consumes Coravel's queue as Coravel's own <c>QueuingHost</c> does — at start, then every
/// <c>Coravel:Queue:ConsummationDelay</c> seconds, and once more on shutdown — but one consumer at a time. Coravel's host
/// (6.0.2) runs its timer loop's consume and the shutdown consume without a lock between them; two consumers emptying
/// the queue together can each peek the same task, the one that loses the dequeue invokes a null task, and the failure
/// event it then builds throws a <see cref="NullReferenceException"/> out of the host's stop (seen in the test suite as
/// an app that failed to stop). The queued jobs stop on <see cref="IHostApplicationLifetime.ApplicationStopping"/>, so
/// waiting for a consume in flight before the last one delays nothing.
/// </summary>
public sealed class SerializedQueueHost(IQueue queue, IConfiguration configuration) : IHostedService, IDisposable
{
    private readonly Queue consumer = (Queue)queue;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;
    private int stopped;

    /// <summary>
    /// Puts this host in place of the one <c>services.AddQueue()</c> registered. Coravel's host is internal, so it is
    /// found by name; when a Coravel upgrade renames it the app refuses to start rather than run two consumers.
    /// </summary>
    public static void ReplaceCoravelHost(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var coravels = services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Coravel.Queuing.HostedService.QueuingHost").ToList();
        if (coravels.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected Coravel's queue host (Coravel.Queuing.HostedService.QueuingHost) once after AddQueue(), found it {coravels.Count} times: check SerializedQueueHost against this Coravel version.");
        }

        services.Remove(coravels[0]);
        services.AddHostedService<SerializedQueueHost>();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var seconds = int.TryParse(configuration["Coravel:Queue:ConsummationDelay"], out var configured) && configured > 0 ? configured : 30;
        loop = Task.Run(() => LoopAsync(TimeSpan.FromSeconds(seconds)), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Once: the web host's run loop stops the host again after the test host (or Ctrl+C) already has, maybe disposed.
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        await loop; // a consume in flight ends first
        await ConsumeAsync(() => consumer.ConsumeQueueOnShutdown());
        while (consumer.IsRunning)
        {
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>
    /// Leaves the semaphore and the token source to the collector (neither holds an OS handle here): the web host's run
    /// loop may still be in <see cref="StopAsync"/> when the test host disposes its services.
    /// </summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref stopped, 1); // a stop after this has no provider left to run tasks with
        stopping.Cancel();
    }

    private async Task LoopAsync(TimeSpan delay)
    {
        using var timer = new PeriodicTimer(delay);
        try
        {
            do
            {
                await ConsumeAsync(() => consumer.ConsumeQueueAsync());
            }
            while (await timer.WaitForNextTickAsync(stopping.Token));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the last consume is StopAsync's.
        }
    }

    private async Task ConsumeAsync(Func<Task> consume)
    {
        await turn.WaitAsync(CancellationToken.None);
        try
        {
            await consume();
        }
        finally
        {
            turn.Release();
        }
    }
}
