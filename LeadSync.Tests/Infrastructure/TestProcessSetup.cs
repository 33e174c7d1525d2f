using System.Globalization;
using System.Runtime.CompilerServices;

namespace LeadSync.Tests.Infrastructure;

/// <summary>Process-wide settings of the test run, made once when the test assembly loads.</summary>
internal static class TestProcessSetup
{
    /// <summary>Where a crash of the test process is written (test.sh prints it): the runner itself only says the process stopped talking.</summary>
    public const string CrashLogVariable = "LEADSYNC_TEST_CRASH_LOG";

#pragma warning disable CA2255 // the test assembly is the program here, and this must run before any test
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        // bUnit's synchronous waits, the test hosts' background services and Playwright share a small pool: with its
        // minimum at the core count (2 on CI) new threads come slowly, and a wait once timed out never checked.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), io);
        AppDomain.CurrentDomain.UnhandledException += (_, e) => RecordCrash(e.ExceptionObject);
    }

    private static void RecordCrash(object exception)
    {
        var path = Environment.GetEnvironmentVariable(CrashLogVariable);
        var text = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} the test process is ending on an unhandled exception:{Environment.NewLine}{exception}{Environment.NewLine}");
        Console.Error.Write(text);
        if (!string.IsNullOrEmpty(path))
        {
            File.AppendAllText(path, text);
        }
    }
}
