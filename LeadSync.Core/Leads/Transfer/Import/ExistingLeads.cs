using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The leads that already hold some emails, found in ONE query per batch (by the unique normalised email), with the
/// values an update puts the row's mapped columns over.
/// </summary>
public static class ExistingLeads
{
    /// <summary>Normalised email → (lead id, current values) for those of <paramref name="emails"/> a lead holds.</summary>
    public static async Task<Dictionary<string, (Guid Id, LeadFields Fields)>> FindAsync(
        LeadSyncDbContext db, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = emails.Select(Lead.NormalizeEmail).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return new Dictionary<string, (Guid, LeadFields)>(StringComparer.Ordinal);
        }

        var rows = await db.Leads.AsNoTracking().Where(l => keys.Contains(l.EmailNormalized))
            .Select(l => new { l.Id, l.EmailNormalized, l.FirstName, l.LastName, l.Email, l.Phone, l.Status, l.Company, l.ExtraFields })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.EmailNormalized,
            r => (r.Id, new LeadFields(r.FirstName, r.LastName, r.Email, r.Phone, r.Status, r.Company) { Extra = r.ExtraFields }), // an update keeps them
            StringComparer.Ordinal);
    }
}
