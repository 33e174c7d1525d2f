using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>Where browser tests write screenshots: failures under the test output, acceptance shots under artifacts/.</summary>
public static class BrowserArtifacts
{
    /// <summary><c>artifacts/screenshots</c> under the repository root (gitignored).</summary>
    public static string AcceptanceDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LeadSync.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public static string FailureDirectory
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>Runs a browser test body; on failure saves a screenshot and the HTML of every page, then rethrows.</summary>
    public static async Task CaptureOnFailureAsync(string name, IReadOnlyList<IPage> pages, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await body();
        }
        catch
        {
            for (var i = 0; i < pages.Count; i++)
            {
                try
                {
                    var file = Path.Combine(FailureDirectory, $"{name}-{i}");
                    await pages[i].ScreenshotAsync(new() { Path = file + ".png", FullPage = true });
                    await File.WriteAllTextAsync(file + ".html", await pages[i].ContentAsync());
                }
                catch (PlaywrightException)
                {
                }
            }

            throw;
        }
    }
}
