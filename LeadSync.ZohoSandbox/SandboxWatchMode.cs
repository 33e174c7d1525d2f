namespace LeadSync.ZohoSandbox;

/// <summary>How a watch request treats its channels (§5): enable (POST), replace (PUT) or change (PATCH).</summary>
internal enum SandboxWatchMode
{
    Enable,
    Replace,
    Patch,
}
