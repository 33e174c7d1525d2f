using System.Threading.Channels;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The workflow-rule fault (§7.11): about a second after a write that did not suppress workflows, edits the written
/// leads again (Lead_Status set to <see cref="SandboxFaultSettings.WorkflowLeadStatus"/>), bumping Modified_Time and
/// notifying watchers, like a Zoho workflow field update.
/// </summary>
public sealed partial class SandboxWorkflowRunner(
    SandboxFaultInjector faults,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<SandboxWorkflowRunner> logger) : BackgroundService
{
    private readonly Channel<(DateTimeOffset Due, string Status, IReadOnlyList<long> Ids)> queue =
        Channel.CreateUnbounded<(DateTimeOffset, string, IReadOnlyList<long>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Schedules the field update when the workflow rule is on.</summary>
    public void Schedule(IReadOnlyList<long> ids)
    {
        var settings = faults.Current;
        if (settings.WorkflowLeadStatus is not { } status || ids.Count == 0)
        {
            return;
        }

        queue.Writer.TryWrite((timeProvider.GetUtcNow().AddMilliseconds(settings.WorkflowDelayMs), status, ids));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (due, status, ids) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                var wait = due - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }

                try
                {
                    await services.GetRequiredService<SandboxLeadService>().ApplyWorkflowFieldUpdateAsync(ids, status, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox workflow field update failed")]
    private partial void LogFailed(Exception exception);
}
