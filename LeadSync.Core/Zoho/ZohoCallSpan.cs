using System.Diagnostics;
using LeadSync.Core.Diagnostics;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The span of one attempt of one Zoho API call (a child of the run's span): module, operation, records, credits,
/// HTTP status and retry attempt. Never a header, token, query string or body.
/// </summary>
internal static class ZohoCallSpan
{
    private const string Prefix = "zoho ";

    public static Activity? Start(ZohoApiRequest call, int attempt)
    {
        var activity = SyncTelemetry.Source.StartActivity(Prefix + Operation(call), ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("leadsync.zoho.module", Module(call.Path));
            activity.SetTag("leadsync.zoho.operation", Operation(call));
            activity.SetTag("leadsync.zoho.attempt", attempt);
            activity.SetTag("leadsync.records", call.RecordsSent);
        }

        return activity;
    }

    /// <summary>Puts what Zoho answered on the current call span (the last answer wins, e.g. after a token refresh).</summary>
    public static void Record(ZohoCallRecord record)
    {
        if (Activity.Current is not { } activity || activity.Source != SyncTelemetry.Source
            || !activity.OperationName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        activity.SetTag("http.response.status_code", record.Status);
        activity.SetTag("leadsync.records", record.Records);
        activity.SetTag("leadsync.zoho.credits", record.Credits);
        activity.SetTag("leadsync.zoho.credits_remaining", record.CreditsRemaining);
        activity.SetTag("error.type", record.ErrorCode);
        activity.SetStatus(record.ErrorCode is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error, record.ErrorCode);
    }

    /// <summary>An exception filter that marks the span failed and never catches.</summary>
    public static bool Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetTag("error.type", exception is ZohoApiException api ? api.Code : exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, exception is ZohoApiException zoho ? zoho.Code : null);
        }

        return false;
    }

    /// <summary>The CRM module (<c>Leads</c>, <c>actions</c>): the path's first segment.</summary>
    private static string Module(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>Method and path, e.g. <c>POST Leads/upsert</c> (paths carry no ids: those travel in the query).</summary>
    private static string Operation(ZohoApiRequest call) => call.Method.Method + " " + call.Path;
}
