using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// The one lifecycle of a pull run: the engine shows it pulling, refused credentials turn the engine Unauthorized, a
/// failure is logged and recorded, a stop of the application is an interrupted run (never a failure), the run reads
/// nothing while the daily credit budget is spent (<see cref="CreditBudget"/>), and the run is finished exactly once.
/// </summary>
public sealed partial class PullRun(SyncRunRecorder runs, EngineStateTracker engine, CreditBudget budget, TimeProvider clock, ILogger<PullRun> logger)
{
    /// <summary>
    /// Runs <paramref name="body"/> as <paramref name="run"/>. With <paramref name="isFullPull"/> a clean finish is the
    /// engine's last pull time.
    /// </summary>
    public async Task ExecuteAsync(SyncRunContext run, bool isFullPull, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(body);
        SyncRunContext.Current = run;
        if (await budget.SpentAsync(run, cancellationToken) is { } spent)
        {
            await runs.FinishAsync(run, spent); // the daily credit budget is spent: nothing is read
            return;
        }

        string? error = null;
        var interrupted = false;
        engine.PullStarted();
        try
        {
            await body(cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            throw Stopped(run, ex, cancellationToken);
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            error = engine.CredentialsRefused(ex.Code);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPullFailed(ex);
            error = ex.Message;
        }
        finally
        {
            engine.PullFinished(isFullPull && error is null && !interrupted ? clock.GetUtcNow() : null, error);
            await (interrupted ? runs.InterruptedAsync(run) : runs.FinishAsync(run, error));
        }
    }

    /// <summary>The run never started its work: the application stopped while it waited (e.g. for the pull lock).</summary>
    public async Task StoppedBeforeStartAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        LogPullInterrupted(run.RunId, null);
        await runs.InterruptedAsync(run);
    }

    /// <summary>
    /// The application is stopping: whatever ended the pull then (the cancellation, or a call the shutdown broke), the
    /// run was interrupted, not failed. Applied pages stay, with their watermark.
    /// </summary>
    private OperationCanceledException Stopped(SyncRunContext run, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException cancelled)
        {
            LogPullInterrupted(run.RunId, null);
            return cancelled;
        }

        LogPullInterrupted(run.RunId, exception);
        return new OperationCanceledException("The pull stopped: the application is stopping.", exception, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pull from Zoho failed")]
    private partial void LogPullFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pull {RunId} stopped: the application is stopping")]
    private partial void LogPullInterrupted(Guid runId, Exception? exception);
}
