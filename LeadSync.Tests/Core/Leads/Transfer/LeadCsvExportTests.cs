using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads.Transfer;

/// <summary>The CSV export on a real database (SQLite and PostgreSQL subclasses): filter, order, quoting, formula guard.</summary>
public abstract class LeadCsvExportTests(TestDatabase database)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LeadCsvExport Export => new(database.Contexts);

    /// <summary>Leads whose company carries <paramref name="tag"/> (so each test sees only its own rows).</summary>
    private async Task<List<Lead>> SeedAsync(string tag, params (string Last, string? Company, string? Phone, SyncState State)[] rows)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var leads = rows.Select((r, i) =>
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now.AddMinutes(i), SyncState = r.State };
            lead.Apply(new LeadFields("Ada", r.Last, $"{tag}.{i}@example.com", r.Phone, "New", $"{r.Company} {tag}"));
            return lead;
        }).ToList();
        db.AddRange(leads);
        await db.SaveChangesAsync(Token);
        return leads;
    }

    private async Task<(int Count, string Text)> ExportAsync(LeadExportRequest request)
    {
        await using var writer = new StringWriter();
        var count = await Export.WriteAsync(request, writer, Token);
        return (count, writer.ToString());
    }

    [Fact]
    public async Task The_filter_and_sort_choose_the_rows_and_awkward_values_are_quoted()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await SeedAsync(tag,
            ("Zed", "Quote \"Q\", Inc", "+44 20 7946 0958", SyncState.Synced),
            ("Åsa", "Multi\nLine", null, SyncState.Synced),
            ("Mid", "Plain", null, SyncState.Synced),
            ("Err", "Failed", null, SyncState.Error));

        var (count, text) = await ExportAsync(new LeadExportRequest
        {
            Filter = new LeadFilter { Search = tag, SyncStates = [SyncState.Synced] }, SortBy = LeadSortField.LastName, Descending = false,
        });

        Assert.Equal(3, count);
        Assert.Equal(
            "First name,Last name,Email,Phone,Status,Company\r\n"
            + $"Ada,Mid,{tag}.2@example.com,,New,Plain {tag}\r\n"
            + $"Ada,Zed,{tag}.0@example.com,+44 20 7946 0958,New,\"Quote \"\"Q\"\", Inc {tag}\"\r\n"
            + $"Ada,Åsa,{tag}.1@example.com,,New,\"Multi\nLine {tag}\"\r\n",
            text);
    }

    [Fact]
    public async Task Chosen_ids_and_the_sync_columns_are_written_and_a_formula_is_written_as_text()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var leads = await SeedAsync(tag,
            ("=HYPERLINK(\"http://evil\")", "-2+3", "+1 (555) 0100", SyncState.Error),
            ("Other", "Not chosen", null, SyncState.Synced));

        var (count, text) = await ExportAsync(new LeadExportRequest { Ids = [leads[0].Id], SyncColumns = true });

        Assert.Equal(1, count);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("First name,Last name,Email,Phone,Status,Company,LeadSync id,Sync state,Zoho id,Last synced at,Updated at,Last error", lines[0]);
        Assert.Equal(
            $"Ada,\"'=HYPERLINK(\"\"http://evil\"\")\",{tag}.0@example.com,+1 (555) 0100,New,'-2+3 {tag},{leads[0].Id},Error,,,2026-12-01T09:00:00Z,",
            lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void The_formula_guard_round_trips_and_leaves_phone_numbers_alone()
    {
        Assert.Equal("'=1+1", CsvFormulaGuard.Escape("=1+1"));
        Assert.Equal("'@SUM(A1)", CsvFormulaGuard.Escape("@SUM(A1)"));
        Assert.Equal("'-cmd|' /C calc'!A0", CsvFormulaGuard.Escape("-cmd|' /C calc'!A0", isPhone: true)); // not a phone number
        Assert.Equal("+44 20 7946 0958", CsvFormulaGuard.Escape("+44 20 7946 0958", isPhone: true));
        Assert.Equal("'+44 20 7946 0958", CsvFormulaGuard.Escape("+44 20 7946 0958"));
        Assert.Equal("O'Brien", CsvFormulaGuard.Escape("O'Brien"));
        Assert.Equal("=1+1", CsvFormulaGuard.Unescape(CsvFormulaGuard.Escape("=1+1")));
        Assert.Equal("'quoted'", CsvFormulaGuard.Unescape("'quoted'"));
    }
}
