using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// axe-core (Deque) over the page as it is now: the acceptance bar of issue 15 is no serious or critical violation on any
/// page. Moderate and minor findings are not failures; the message lists each failing rule with the elements it found.
/// </summary>
public static class AxeScan
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var found = await SeriousViolationsAsync(page, where);
        Assert.True(found is null, found);
    }

    /// <summary>The serious and critical violations on the page, described for a test message; null when there is none.</summary>
    public static async Task<string?> SeriousViolationsAsync(IPage page, string where)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        return blocking.Count == 0
            ? null
            : $"{where}: axe-core found {blocking.Count} serious or critical violation(s):\n" + string.Join("\n", blocking.Select(Describe));
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Take(6).Select(n => $"    {n.Target}: {Shorten(n.Html)}"));

    private static string Shorten(string html) => html.Length <= 240 ? html : html[..240] + "…";
}
