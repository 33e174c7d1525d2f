using Coravel.Invocable;
using LeadSync.Core.Outbox.Bulk;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Core.Jobs;

/// <summary>Every <c>Sync:BulkWritePollInterval</c> once the app listens: resumes Bulk Write jobs left unfollowed by a stopped instance (<see cref="BulkWriteResumer"/>).</summary>
public sealed class ResumeBulkWritesJob(BulkWriteResumer resumer, IHostApplicationLifetime lifetime) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => lifetime.ApplicationStarted.IsCancellationRequested
        ? resumer.ResumeAsync(CancellationToken)
        : Task.CompletedTask;
}
