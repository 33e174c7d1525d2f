using System.Collections.Concurrent;
using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Benchmarks;

/// <summary>Counts the app's Zoho calls by kind (method and path with ids left out) and their credits, as the client reports them.</summary>
public sealed class BulkWriteCallCounter : IZohoCallObserver
{
    private readonly ConcurrentDictionary<string, int> calls = new();
    private long credits;

    public long Credits => Interlocked.Read(ref credits);

    public IReadOnlyDictionary<string, int> Calls => calls;

    public void OnCall(ZohoCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = string.Join('/', record.Path.Split('/').Select(s => s.Length > 0 && s.All(char.IsDigit) ? "{id}" : s));
        calls.AddOrUpdate($"{record.Method} {path}", 1, (_, n) => n + 1);
        Interlocked.Add(ref credits, record.Credits);
    }

    public int Count(string method, string pathEnd) => calls.Where(c => c.Key.StartsWith(method + " ", StringComparison.Ordinal) && c.Key.EndsWith(pathEnd, StringComparison.Ordinal)).Sum(c => c.Value);
}
