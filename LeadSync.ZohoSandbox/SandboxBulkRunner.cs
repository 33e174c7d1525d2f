using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's Bulk job queue (§6): every <see cref="SandboxBulkOptions.StepMilliseconds"/> it moves each unfinished
/// job one step, oldest first, one at a time; idle (no timer) while there is no job. Jobs left unfinished by a restart
/// are picked up again.
/// </summary>
internal sealed partial class SandboxBulkRunner(
    SandboxBulkJobs jobs,
    SandboxBulkStepper stepper,
    IOptions<ZohoSandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<SandboxBulkRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pace = TimeSpan.FromMilliseconds(options.Value.Bulk.StepMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var unfinished = jobs.Unfinished();
                if (unfinished.Count == 0)
                {
                    await jobs.WaitForWorkAsync(stoppingToken);
                    continue;
                }

                await Task.Delay(pace, timeProvider, stoppingToken);
                foreach (var job in unfinished)
                {
                    await StepAsync(job, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task StepAsync(SandboxBulkJob job, CancellationToken stoppingToken)
    {
        try
        {
            await stepper.StepAsync(job, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStepFailed(job.Id, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox bulk job {JobId}: a step failed")]
    private partial void LogStepFailed(long jobId, Exception exception);
}
