using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Zoho;

/// <summary>The client's log lines: method, path, status, records, duration. Never a header, token, secret or body.</summary>
internal static partial class ZohoLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Zoho {Method} {Path} → {Status} ({Records} records, {Credits} credits) in {DurationMs} ms")]
    public static partial void CallSucceeded(ILogger logger, string method, string path, int? status, int records, int credits, long durationMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Zoho {Method} {Path} → {Status} {ErrorCode} ({Records} records) in {DurationMs} ms")]
    public static partial void CallFailed(ILogger logger, string method, string path, int? status, string? errorCode, int records, long durationMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Zoho {Method} {Path} failed with {ErrorCode}; attempt {Attempt} of {MaxAttempts}, retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string errorCode, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Zoho access token obtained from {AccountsUrl}; valid until {ExpiresAt}")]
    public static partial void TokenObtained(ILogger logger, string accountsUrl, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Zoho access token reused from the database; valid until {ExpiresAt}")]
    public static partial void TokenLoaded(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Zoho token endpoint {AccountsUrl} throttled LeadSync; no token call before {Until}")]
    public static partial void TokenThrottled(ILogger logger, string accountsUrl, DateTimeOffset until);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Zoho token call to {AccountsUrl} failed: {ErrorCode} ({Kind})")]
    public static partial void TokenFailed(ILogger logger, string accountsUrl, string errorCode, ZohoFailureKind kind);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Zoho answered INVALID_TOKEN; refreshing the access token and retrying once")]
    public static partial void InvalidTokenRetry(ILogger logger);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "Zoho credentials changed; the cached access token is dropped")]
    public static partial void CredentialsChanged(ILogger logger);
}
