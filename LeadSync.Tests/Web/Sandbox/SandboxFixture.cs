using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// One running app and one authorised sandbox client shared by a test class (<c>IClassFixture&lt;SandboxFixture&gt;</c>):
/// one access token for all its tests, so the sandbox's token-request throttle (§1) is not tripped by a long theory.
/// </summary>
public sealed class SandboxFixture : IAsyncDisposable
{
    private readonly LeadSyncAppFactory app = new();

    public SandboxFixture()
    {
        Sandbox = new SandboxHttp(app);
    }

    internal SandboxHttp Sandbox { get; }

    public async ValueTask DisposeAsync()
    {
        Sandbox.Dispose();
        await app.DisposeAsync();
    }
}
