using Microsoft.Extensions.Options;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>The pause an import takes after each batch (<see cref="ImportOptions.PauseBetweenBatches"/>), on the app's clock.</summary>
public sealed class ImportPace(IOptions<ImportOptions> options, TimeProvider clock)
{
    public Task AfterBatchAsync(CancellationToken cancellationToken) =>
        options.Value.PauseBetweenBatches > TimeSpan.Zero
            ? Task.Delay(options.Value.PauseBetweenBatches, clock, cancellationToken)
            : Task.CompletedTask;
}
