using Coravel.Invocable;
using LeadSync.Core.Fields;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Jobs;

/// <summary>
/// Daily: reads Zoho's Lead field metadata again (1 credit), so a field an org admin deleted, retyped or made mandatory
/// is flagged on the mapping page and skipped by the sync within a day. A failure is logged and tried the next day.
/// </summary>
public sealed partial class RefreshFieldMetadataJob(FieldMetadataStore metadata, ILogger<RefreshFieldMetadataJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        try
        {
            var read = await metadata.RefreshAsync(CancellationToken);
            LogRefreshed(logger, read.Fields.Count);
        }
        catch (ZohoApiException ex)
        {
            LogFailed(logger, ex.Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho's Lead field metadata refreshed: {Count} fields")]
    private static partial void LogRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho's Lead field metadata could not be refreshed ({Code}); the stored copy stays")]
    private static partial void LogFailed(ILogger logger, string code);
}
