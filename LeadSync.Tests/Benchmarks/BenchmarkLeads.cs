using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Fills a <see cref="TestDatabase"/> with many realistic leads, fast (batched inserts, derived columns filled by
/// <see cref="Lead.Apply"/>). One company in <see cref="CompanyCount"/> contains <see cref="RareCompanyWord"/>, so a
/// search for it matches about 2.5 % of the rows.
/// </summary>
public static class BenchmarkLeads
{
    public const string RareCompanyWord = "Globex";
    public const int CompanyCount = 40;

    private static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Grace", "Linus", "Zoë", "José", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "John", "Radia", "Tim",
        "Sophie", "Niklaus", "Hedy", "Edsger", "Karen", "Bjarne", "Anita", "Guido", "Shafi", "Donald", "Lynn", "Yukihiro", "Mary",
        "Leslie", "Jean", "Andrew", "小龙", "Øystein", "Ingrid", "Rasmus", "Chiara", "Mateo", "Amara", "Kwame", "Priya", "Omar",
    ];

    private static readonly string[] LastNames =
    [
        "Lovelace", "Turing", "Hopper", "Torvalds", "Müller", "Núñez", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "McCarthy",
        "Perlman", "Berners-Lee", "Wilson", "Wirth", "Lamarr", "Dijkstra", "Spärck Jones", "Stroustrup", "Borg", "van Rossum",
        "Goldwasser", "Knuth", "Conway", "Matsumoto", "Jackson", "Lamport", "Sammet", "Tanenbaum", "李", "Nygaard", "Daubechies",
        "Lerdorf", "Rossi", "García", "Okafor", "Mensah", "Sharma", "Haddad", "Schmidt", "Kowalski", "Novak", "Andersson", "Dubois",
        "Silva", "Kim", "Nguyen", "Cohen", "O'Brien",
    ];

    private static readonly string[] Companies = BuildCompanies();

    private static readonly string[] Statuses = [.. LeadStatuses.Defaults];

    /// <summary>Inserts <paramref name="count"/> leads in batches and refreshes the planner's statistics.</summary>
    public static async Task SeedAsync(TestDatabase database, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        const int batchSize = 5000;
        foreach (var batch in Generate(count).Chunk(batchSize))
        {
            await using var db = await database.Contexts.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Leads.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var analyze = await database.Contexts.CreateDbContextAsync(cancellationToken);
        await analyze.Database.ExecuteSqlRawAsync(database.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE \"Leads\"" : "ANALYZE", cancellationToken);
    }

    /// <summary>
    /// <paramref name="count"/> realistic leads (the same ones for the same count), made one at a time so that a bulk
    /// loader can stream millions without holding them.
    /// </summary>
    public static IEnumerable<Lead> Generate(int count)
    {
        var random = new Random(20260301);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var created = start.AddSeconds(random.Next(0, 365 * 24 * 3600));
            var lead = new Lead
            {
                CreatedAt = created,
                UpdatedAt = created.AddSeconds(random.Next(0, 30 * 24 * 3600)),
                SyncState = (SyncState)random.Next(0, 6),
            };
            lead.Apply(new LeadFields(
                first,
                last,
                $"lead{i}.{Ascii(last)}@mail{i % 97}.example",
                random.Next(4) == 0 ? null : $"+1 555 {random.Next(1000, 9999)} {random.Next(100, 999)}",
                Statuses[random.Next(Statuses.Length)],
                Companies[random.Next(Companies.Length)]));
            if (lead.SyncState == SyncState.Synced)
            {
                lead.ZohoId = (5725767000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                lead.LastSyncedAt = lead.UpdatedAt;
            }

            yield return lead;
        }
    }

    private static string Ascii(string value) =>
        new([.. value.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant).DefaultIfEmpty('x')]);

    private static string[] BuildCompanies()
    {
        string[] first = ["Acme", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent",
            "Vandelay", "Pied Piper", "Aperture", "Black Mesa", "Massive Dynamic", "Oceanic", "Dunder Mifflin", "Gringotts",
            "Prestige", "Monarch"];
        string[] second = ["Holdings", "Labs"];
        var companies = first.SelectMany(f => second.Select(s => $"{f} {s}")).ToArray();
        companies[7] = $"{RareCompanyWord} Corporation"; // exactly one in CompanyCount
        return companies;
    }
}
