using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>The sandbox fault windows a sequence can open (by <see cref="ModelOp.Word"/>).</summary>
internal static class ModelFaults
{
    public static SandboxFaultPatch Patch(int kind) => (kind % 4) switch
    {
        0 => new SandboxFaultPatch { TooManyRequestsRate = 0.5 },
        1 => new SandboxFaultPatch { ServerErrorRate = 0.4 },
        2 => new SandboxFaultPatch { DropResponseRate = 0.5 },
        _ => new SandboxFaultPatch { TooManyRequestsRate = 0.2, ServerErrorRate = 0.2, DropResponseRate = 0.2 },
    };

    public static SandboxFaultPatch Off { get; } = new() { TooManyRequestsRate = 0, ServerErrorRate = 0, DropResponseRate = 0, LatencyMs = 0 };

    public static string Describe(int kind) => (kind % 4) switch
    {
        0 => "50% of calls answered 429",
        1 => "40% of calls answered 500",
        2 => "50% of write responses dropped after the write",
        _ => "20% 429s, 20% 500s, 20% dropped write responses",
    };
}
