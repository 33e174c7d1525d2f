using System.Collections.Concurrent;
using System.Text;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The apps each running test has started, so a wait that times out can say what those apps were doing
/// (<see cref="Describe"/>): a failure seen once in a full run is then diagnosable from its message alone.
/// </summary>
public static class RunningApps
{
    private const int TailLines = 60;

    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<LeadSyncAppFactory, byte>> ByTest = new(StringComparer.Ordinal);

    /// <summary>Called as an app starts, inside its test.</summary>
    public static void Add(LeadSyncAppFactory app)
    {
        if (TestContext.Current.Test?.UniqueID is { } test)
        {
            ByTest.GetOrAdd(test, _ => new()).TryAdd(app, 0);
        }
    }

    /// <summary>Called as an app is disposed.</summary>
    public static void Remove(LeadSyncAppFactory app)
    {
        foreach (var (test, apps) in ByTest)
        {
            if (apps.TryRemove(app, out _) && apps.IsEmpty)
            {
                ByTest.TryRemove(test, out _);
            }
        }
    }

    /// <summary>The last log lines of every app the current test has running, or an empty string when it has none.</summary>
    public static string Describe()
    {
        if (TestContext.Current.Test?.UniqueID is not { } test || !ByTest.TryGetValue(test, out var apps) || apps.IsEmpty)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var app in apps.Keys)
        {
            text.Append('\n').Append("Last log lines of the app at ").Append(app.HasStarted ? app.DataDirectory : "(not started)").Append(':');
            foreach (var line in app.Logs.Tail(TailLines))
            {
                text.Append("\n  ").Append(line);
            }
        }

        return text.ToString();
    }
}
