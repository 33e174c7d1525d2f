namespace LeadSync.Web.Realtime;

/// <summary>The names of the server→client messages on <see cref="SyncHub"/> (payloads: docs/realtime.md).</summary>
public static class SyncHubMessages
{
    public const string EngineStateChanged = "EngineStateChanged";
    public const string LeadStatesChanged = "LeadStatesChanged";
    public const string LeadsChanged = "LeadsChanged";
    public const string RunStarted = "RunStarted";
    public const string RunProgress = "RunProgress";
    public const string RunFinished = "RunFinished";
}
