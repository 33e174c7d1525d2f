using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The Zoho sandbox in a process of its own: LeadSync.Web (built beside the tests, same configuration) started as a
/// child process that serves only its built-in sandbox (no admin, no demo data, its own engine quiet), on a free
/// loopback port, with credentials drawn here. The million-lead benchmarks run the app under test in the test process
/// and point it at this sandbox in Live mode (<see cref="UseFor"/>), so the test process's memory is the app's: the
/// sandbox's store (every Zoho lead in memory) and the files it builds are counted in this process, not there.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private SandboxProcess(Process process, string directory, Uri address, ZohoClientCredentials credentials)
    {
        this.process = process;
        this.directory = directory;
        Address = address;
        Credentials = credentials;
    }

    /// <summary>The sandbox's Zoho root, e.g. <c>http://127.0.0.1:41234/sandbox/zoho</c>.</summary>
    public Uri Address { get; }

    public ZohoClientCredentials Credentials { get; }

    /// <summary>The sandbox process's peak resident memory so far (the kernel's <c>VmHWM</c>), in bytes.</summary>
    public long PeakResidentBytes => ProcessMemory.PeakResidentBytes(process.Id);

    /// <summary>
    /// Starts an empty sandbox (its data in a folder of its own, deleted on dispose) and waits until it answers.
    /// <paramref name="settings"/> are extra configuration values.
    /// </summary>
    public static async Task<SandboxProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = Path.Combine(Path.GetTempPath(), "leadsync-sandbox-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var credentials = new ZohoClientCredentials("1000." + Token(12), Token(24), "1000." + Token(32));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WebAssembly());
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["App__PublicUrl"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "Sqlite",
            ["Database__SqlitePath"] = Path.Combine(directory, "leadsync.db"),
            ["Sandbox__DataPath"] = Path.Combine(directory, "zoho-sandbox.db"),
            ["Sandbox__ClientId"] = credentials.ClientId,
            ["Sandbox__ClientSecret"] = credentials.ClientSecret,
            ["Sandbox__RefreshToken"] = credentials.RefreshToken,
            ["Sandbox__TokenRequestsPer10Minutes"] = "100000",
            ["Sandbox__DailyCredits"] = "100000000",
            ["DemoData__Enabled"] = "false",
            ["Sync__PullInterval"] = "00:00:00",
            ["Sync__SweepInterval"] = "01:00:00",
            ["Webhooks__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the sandbox process.");
        var output = new System.Text.StringBuilder();
        child.OutputDataReceived += (_, e) => Keep(output, e.Data);
        child.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var sandbox = new SandboxProcess(child, directory, new Uri($"http://127.0.0.1:{port}/sandbox/zoho"), credentials);
        await sandbox.WaitUntilServingAsync(output, cancellationToken);
        return sandbox;
    }

    /// <summary>Points <paramref name="app"/> (not started yet) at this sandbox in Live mode, file host and org id included (docs/zoho §6.2).</summary>
    public LeadSyncAppFactory UseFor(LeadSyncAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseLiveZoho(Address, Credentials).With("Zoho:FileUrl", Address.ToString()).With("Zoho:OrgId", "1");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment: the temp folder is cleaned later.
        }
    }

    private async Task WaitUntilServingAsync(System.Text.StringBuilder output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 600);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sandbox process exited ({process.ExitCode}):\n{Tail(output)}");
            }

            try
            {
                // The token endpoint answers once the sandbox (and its store) is loaded: an empty request is refused with a Zoho error.
                using var form = new FormUrlEncodedContent([]);
                using var response = await http.PostAsync(new Uri(Address + "/oauth/v2/token"), form, cancellationToken);
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still loading.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The sandbox process did not answer within 10 minutes:\n{Tail(output)}");
    }

    private static void Keep(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > 20_000)
            {
                output.Remove(0, output.Length - 10_000);
            }
        }
    }

    private static string Tail(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>LeadSync.Web's own build output (its runtimeconfig and static assets beside it), in this build's configuration.</summary>
    private static string WebAssembly()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = tests.Name; // net10.0
        var configuration = tests.Parent!.Name; // Release or Debug
        var root = tests;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LeadSync.sln")))
        {
            root = root.Parent;
        }

        var path = root is null ? null : Path.Combine(root.FullName, "LeadSync.Web", "bin", configuration, framework, "LeadSync.Web.dll");
        return path is not null && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"LeadSync.Web is not built for {configuration}/{framework}: build the solution first.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

/// <summary>A process's resident memory as the kernel counts it (Linux <c>/proc/PID/status</c>).</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (<c>VmHWM</c>) of process <paramref name="pid"/>, in bytes; 0 where /proc is not there.</summary>
    public static long PeakResidentBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    private static long StatusKilobytes(int pid, string field)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        var number = line?[field.Length..].Trim().Split(' ')[0];
        return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
