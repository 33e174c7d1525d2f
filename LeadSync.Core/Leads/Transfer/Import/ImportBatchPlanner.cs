using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Decides every row of one batch before anything is written: Core's checks (<see cref="ImportRowCheck"/>), then one
/// query for the emails that already have a lead, then the person's <see cref="ExistingEmailPolicy"/> for those.
/// </summary>
public sealed class ImportBatchPlanner(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public async Task<List<ImportRowOutcome>> PlanAsync(IReadOnlyList<ImportRow> rows, ImportPlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(context);
        var checks = rows.Select(r => (Row: r, Check: ImportRowCheck.Of(r, context.Mapping, context.Seen))).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await ExistingLeads.FindAsync(db, checks.Where(c => c.Check.IsValid).Select(c => c.Check.Fields.Email), cancellationToken);
        return [.. checks.Select(c => Decide(c.Row, c.Check, existing, context))];
    }

    private static ImportRowOutcome Decide(
        ImportRow row, ImportRowCheck check, Dictionary<string, (Guid Id, LeadFields Fields)> existing, ImportPlanContext context)
    {
        if (check.Problem is { } problem)
        {
            return ImportRowOutcome.Refuse(row, problem);
        }

        if (!existing.TryGetValue(Lead.NormalizeEmail(check.Fields.Email), out var lead))
        {
            return new ImportRowOutcome(row, ImportRowAction.Create, check.Fields);
        }

        return context.Policy switch
        {
            ExistingEmailPolicy.Update => new ImportRowOutcome(row, ImportRowAction.Update, context.Mapping.Over(lead.Fields, row.Values), lead.Id),
            ExistingEmailPolicy.Skip => new ImportRowOutcome(row, ImportRowAction.Skip, LeadId: lead.Id),
            _ => ImportRowOutcome.Refuse(row, ExistingReason(check.Fields.Email)),
        };
    }

    /// <summary>Why a row is refused under <see cref="ExistingEmailPolicy.Fail"/>.</summary>
    public static string ExistingReason(string email) => $"A lead with the email {email} exists already (compared without case).";
}

/// <summary>What every batch of one job is planned with: the mapping, the policy and the emails met so far in the file.</summary>
public sealed record ImportPlanContext(ImportMapping Mapping, ExistingEmailPolicy Policy, ImportDuplicates Seen);
