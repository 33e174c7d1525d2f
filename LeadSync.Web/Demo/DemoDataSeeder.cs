using LeadSync.Core.Outbox;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Demo;

/// <summary>Seeds demo leads into an empty database when <c>DemoData:Enabled</c> is on (the Development default).</summary>
internal sealed class DemoDataSeeder(
    IDbContextFactory<LeadSyncDbContext> contexts,
    LeadCommands commands,
    IOptions<DemoDataOptions> options,
    ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Leads.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var leads = DemoLeadGenerator.Generate(options.Value.LeadCount);
        foreach (var fields in leads)
        {
            await commands.CreateAsync(fields, ChangeSource.Demo, cancellationToken);
        }

        logger.LogInformation("Seeded {Count} demo leads (DemoData:Enabled=false turns this off)", leads.Count);
    }
}
