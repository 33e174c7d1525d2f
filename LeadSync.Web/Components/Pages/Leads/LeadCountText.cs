namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// How the Leads page words a number of leads that may be a lower bound: a quick search over many leads is counted only
/// so far (<see cref="LeadSync.Core.Leads.LeadListOptions.SearchCountLimit"/>), and every place that shows the count —
/// the total, the pager, "select all", the export menu, a bulk action's confirmation and progress — says "more than".
/// </summary>
internal static class LeadCountText
{
    /// <summary>"24,758", or "more than 1,000" when more than <paramref name="count"/> match.</summary>
    public static string Of(int count, bool isLowerBound) => isLowerBound ? $"more than {count:N0}" : count.ToString("N0");

    /// <summary>
    /// A count taken only up to <paramref name="limit"/> + 1 (the field-error chip, the push queue): "24", or "more than
    /// 1,000" when it stopped past <paramref name="limit"/>.
    /// </summary>
    public static string Bounded(int count, int limit) => Of(Math.Min(count, limit), count > limit);

    /// <summary>"1 lead", "24,758 leads", "more than 1,000 leads".</summary>
    public static string Leads(int count, bool isLowerBound) => $"{Of(count, isLowerBound)} {(count == 1 && !isLowerBound ? "lead" : "leads")}";
}
