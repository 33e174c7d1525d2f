using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// What <see cref="LeadSelectionToolbar"/> tells the admin while a bulk action runs and when it ends: the snackbar's
/// text and severity, and the snackbar content itself (the text and, when the action started runs, links to them).
/// </summary>
internal static class BulkActionSummary
{
    /// <summary>A push, pull or retry run that ended: its error, or what it did in counts.</summary>
    public static (string Text, Severity Severity) OfRun(string verb, LiveRun run)
    {
        var counts = run.Counts;
        if (run.Error is not null)
        {
            return ($"{verb} stopped: {run.Error}", Severity.Error);
        }

        if (counts is null)
        {
            return ($"{verb} finished.", Severity.Success);
        }

        var parts = new List<string>();
        AddPart(parts, counts.Created, "created");
        AddPart(parts, counts.Updated, "updated");
        AddPart(parts, counts.Deleted, "deleted");
        AddPart(parts, counts.Unchanged, "unchanged");
        AddPart(parts, counts.Conflicts, "in conflict");
        AddPart(parts, counts.Failed, "failed");
        var text = $"{verb} finished: {(parts.Count == 0 ? "nothing to do" : string.Join(", ", parts))}.";
        return (text, counts.Failed > 0 || counts.Conflicts > 0 ? Severity.Warning : Severity.Success);
    }

    /// <summary>
    /// A person's push, from where each selected lead stands (<see cref="BulkPushProgress"/>): every lead is counted once,
    /// whichever run sent it, and what still waits is said to go out with the next drain.
    /// </summary>
    public static (string Text, Severity Severity) OfPush(BulkPushProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var parts = PushParts(progress);
        if (progress.Queued > 0)
        {
            parts.Add($"{progress.Queued:N0} still queued (they go out with the next drain)");
        }

        var text = $"Push of {Leads(progress.Selected)}: {string.Join(", ", parts)}.";
        if (progress.RunError is { } error)
        {
            return ($"Push stopped: {error} {text}", Severity.Error);
        }

        var clean = progress.Queued == 0 && progress.Failed == 0 && progress.InConflict == 0;
        return (text, clean ? Severity.Success : Severity.Warning);
    }

    /// <summary>The toolbar's line while a push is followed: "Pushing 1,200 leads: 800 synced, 400 queued…".</summary>
    public static string PushProgress(BulkPushProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var parts = PushParts(progress);
        parts.Add($"{progress.Queued:N0} queued");
        return $"Pushing {Leads(progress.Selected)}: {string.Join(", ", parts)}…";
    }

    private static List<string> PushParts(BulkPushProgress progress)
    {
        var parts = new List<string>();
        AddPart(parts, progress.Synced, "synced");
        AddPart(parts, progress.Failed, "failed");
        AddPart(parts, progress.InConflict, "in conflict");
        AddPart(parts, progress.Deleted, "deleted meanwhile");
        return parts;
    }

    private static string Leads(int count) => $"{count:N0} {(count == 1 ? "lead" : "leads")}";

    /// <summary>Conflicts resolved in bulk under <paramref name="policy"/>.</summary>
    public static string OfResolve(ConflictBulkResult result, ConflictPolicy policy) =>
        result.Resolved == 0 && result.Failed == 0
            ? "None of the selected leads has an open conflict."
            : $"Resolved the conflicts of {result.Resolved:N0} {(result.Resolved == 1 ? "lead" : "leads")} ({PolicyLabel(policy)})."
              + (result.Failed > 0 ? $" {result.Failed:N0} failed: {result.FirstError}" : string.Empty);

    /// <summary>Leads deleted in bulk.</summary>
    public static string OfDelete(LeadBulkResult result)
    {
        var text = $"Deleted {result.Succeeded:N0} {(result.Succeeded == 1 ? "lead" : "leads")}.";
        if (result.NotFound > 0)
        {
            text += $" {result.NotFound:N0} had already been deleted.";
        }

        return text;
    }

    /// <summary>The snackbar's content: the text, and a link to the run when there is one.</summary>
    public static RenderFragment Content(string text, Guid? runId) => Content(text, runId is { } id ? [id] : []);

    /// <summary>The snackbar's content: the text and a link to each run ("View run", then "run 2", "run 3"…).</summary>
    public static RenderFragment Content(string text, IReadOnlyList<Guid> runIds) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "data-testid", "bulk-summary");
        builder.AddContent(2, text);
        for (var i = 0; i < runIds.Count; i++)
        {
            builder.AddContent(3, " ");
            builder.OpenElement(4, "a");
            builder.AddAttribute(5, "href", $"/runs/{runIds[i]}");
            builder.AddAttribute(6, "class", "bulk-summary-link");
            builder.AddAttribute(7, "data-testid", i == 0 ? "bulk-summary-run" : "bulk-summary-other-run");
            builder.AddContent(8, i == 0 ? "View run" : $"run {i + 1}");
            builder.CloseElement();
        }

        builder.CloseElement();
    };

    private static void AddPart(List<string> parts, int count, string label)
    {
        if (count > 0)
        {
            parts.Add($"{count:N0} {label}");
        }
    }

    private static string PolicyLabel(ConflictPolicy policy) => policy switch
    {
        ConflictPolicy.ZohoWins => "kept Zoho's values",
        ConflictPolicy.LocalWins => "kept LeadSync's values",
        _ => "kept the newest change",
    };
}
