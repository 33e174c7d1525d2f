using LeadSync.Core.Outbox;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Applies the update decisions of a batch through <see cref="LeadCommands.UpdateAsync"/> — the one path for editing a
/// lead (validation, outbox entry, events) — and turns a refusal into a refused row. Applying the same values again
/// changes nothing, so a batch resumed after a crash may apply its updates twice without harm.
/// </summary>
public sealed class ImportUpdateApplier(LeadCommands commands)
{
    public async Task<List<ImportRowOutcome>> ApplyAsync(List<ImportRowOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] is { Action: ImportRowAction.Update, LeadId: { } id, Fields: { } fields } update)
            {
                outcomes[i] = await ApplyOneAsync(update, id, fields, cancellationToken);
            }
        }

        return outcomes;
    }

    private async Task<ImportRowOutcome> ApplyOneAsync(ImportRowOutcome update, Guid id, LeadFields fields, CancellationToken cancellationToken)
    {
        try
        {
            await commands.UpdateAsync(id, fields, expectedVersion: null, ChangeSource.Import, cancellationToken);
            return update;
        }
        catch (LeadNotFoundException)
        {
            return update with { Action = ImportRowAction.Create, LeadId = null }; // deleted meanwhile: the row makes it again
        }
        catch (LeadValidationException ex)
        {
            return ImportRowOutcome.Refuse(update.Row, ex.Message);
        }
        catch (LeadWriteException ex)
        {
            return ImportRowOutcome.Refuse(update.Row, $"The lead could not be updated: {ex.Message}");
        }
    }
}
