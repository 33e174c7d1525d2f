using System.Globalization;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Initial;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Core.Sync.Pull;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.Initial;

/// <summary>
/// The initial sync's dry run (issue 17): exact counts per side and matches by email against a seeded sandbox and
/// database, what the estimate itself costs, and the credit arithmetic of the real run (docs/zoho §4.2, §6).
/// </summary>
public sealed class InitialSyncEstimatorTests
{
    private static readonly string[] ZohoEmails = ["match.one@example.com", "Match.Two@Example.com", "match.three@example.com", "dup@example.com", "dup@example.com"];

    private static readonly string[] LocalEmails =
        ["match.one@example.com", "match.two@example.com", "MATCH.THREE@example.com", "dup@example.com", "new.1@example.com", "new.2@example.com", "new.3@example.com"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dry_run_counts_both_sides_and_matches_never_linked_leads_by_email_exactly()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => BulkReadPullTests.Bulk(f, 10_000));
        var time = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow.AddHours(-1));
        await app.ZohoSeedAsync(20, "Zoho only", time);
        foreach (var email in ZohoEmails)
        {
            await app.ZohoPutAsync(new SandboxLead(app.ZohoNextId(), null, "Zoho", email, null, null, null, time, time));
        }

        await app.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 5; i++)
            {
                db.Leads.Add(LeadSyncTransitions.NewFromZoho((9_000_000 + i).ToString(CultureInfo.InvariantCulture), time, Fields($"linked.{i}@example.com"), now));
            }

            // Seven never linked: three match one Zoho lead each (any case), one matches two Zoho leads, three match none.
            foreach (var email in LocalEmails)
            {
                var lead = new Lead { CreatedAt = now, UpdatedAt = now };
                lead.Apply(Fields(email));
                db.Leads.Add(lead);
            }

            return await db.SaveChangesAsync(Token);
        });
        var creditsBefore = app.Sandbox.State().CreditsUsed;

        var plan = await app.Services.GetRequiredService<InitialSyncEstimator>().EstimateAsync(Token);

        Assert.Equal((12, 5, 7), (plan.LocalTotal, plan.LocalLinked, plan.LocalNeverLinked));
        Assert.Equal(25L, plan.ZohoTotal);
        Assert.Equal((4, 3), (plan.EmailMatches, plan.ToCreateInZoho));
        Assert.Equal(new InitialSyncCredits(1, 52, 3, false, 1, 1), plan.Credits);
        Assert.Equal(53, plan.Credits.Total);
        Assert.Equal(51, plan.DryRunCredits); // the count and one read job of emails
        Assert.Equal(plan.DryRunCredits, app.Sandbox.State().CreditsUsed - creditsBefore);
        Assert.Equal(7, await app.QueryAsync(db => Task.FromResult(db.Leads.Count(l => l.ZohoId == null)))); // nothing changed
        Assert.Equal(0, await app.OutboxCountAsync());
    }

    [Fact]
    public async Task Dry_run_with_an_empty_side_reads_no_emails()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => BulkReadPullTests.Bulk(f, 10_000));
        await app.ZohoSeedAsync(3, "Alone", DateTimeOffset.UtcNow.AddHours(-1));

        var plan = await app.Services.GetRequiredService<InitialSyncEstimator>().EstimateAsync(Token);

        Assert.Equal((0, 3L, 0, 1), (plan.LocalTotal, plan.ZohoTotal, plan.EmailMatches, plan.DryRunCredits));
        Assert.Equal(1, app.Sandbox.State().CreditsUsed);
    }

    [Theory]
    [InlineData(1_000_000, 1_000_000, 5, 252, true, 40, 20_000)]   // issue 17: bulk floor 20,000 to push, 250 (+2) to pull
    [InlineData(200_000, 2_000, 1, 52, false, 20, 200)]            // at the write threshold: the record API, 1 credit per 10
    [InlineData(200_001, 2_001, 2, 102, true, 1, 500)]             // one past either limit: a second read job, a write job
    [InlineData(0, 0, 1, 52, false, 0, 0)]
    public void Credits_follow_the_bulk_and_record_api_prices(long zoho, int push, int readJobs, int pull, bool inBulk, int calls, int pushCredits)
    {
        var credits = InitialSyncCredits.Estimate(zoho, push, bulkWriteThreshold: 2_000);

        Assert.Equal(new InitialSyncCredits(readJobs, pull, push, inBulk, calls, pushCredits), credits);
        Assert.Equal(pull + pushCredits, credits.Total);
    }

    private static LeadFields Fields(string email) => new("Ann", "Local", email, null, null, "Acme");
}
