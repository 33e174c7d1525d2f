using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Fixed options for a client built by hand.</summary>
internal sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
