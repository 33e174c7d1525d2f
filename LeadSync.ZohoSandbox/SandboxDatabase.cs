using Microsoft.Data.Sqlite;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's own SQLite file (not LeadSync's database, no migrations: the schema is created if missing).
/// Leads, deleted ids, watch channels, access-token hashes and a few flags; every call's changes in one transaction.
/// </summary>
public sealed class SandboxDatabase(string path)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    public string Path => path;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS leads (
                id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT NOT NULL, email TEXT, phone TEXT,
                lead_status TEXT, company TEXT, created_ticks INTEGER NOT NULL, modified_ticks INTEGER NOT NULL, extra_json TEXT);
            CREATE TABLE IF NOT EXISTS deleted_leads (id INTEGER PRIMARY KEY, display_name TEXT, deleted_ticks INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS watch_channels (channel_id INTEGER PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS access_tokens (token_hash TEXT PRIMARY KEY, issued_ticks INTEGER NOT NULL, expires_ticks INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS flags (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """, cancellationToken);
        await AddExtraColumnAsync(connection, cancellationToken);
    }

    /// <summary>A sandbox file from before extra fields were stored gets the <c>extra_json</c> column.</summary>
    private static async Task AddExtraColumnAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('leads') WHERE name = 'extra_json'";
        if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            await ExecuteAsync(connection, "ALTER TABLE leads ADD COLUMN extra_json TEXT", cancellationToken);
        }
    }

    public async Task<(List<SandboxLead> Leads, List<SandboxDeletedLead> Deleted)> LoadLeadsAsync(CancellationToken cancellationToken)
    {
        var leads = new List<SandboxLead>();
        var deleted = new List<SandboxDeletedLead>();
        await using var connection = await OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, first_name, last_name, email, phone, lead_status, company, created_ticks, modified_ticks, extra_json FROM leads";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                leads.Add(new SandboxLead(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                    new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero))
                {
                    Extra = SandboxExtraValues.Read(reader.IsDBNull(9) ? null : reader.GetString(9)),
                });
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, display_name, deleted_ticks FROM deleted_leads";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                deleted.Add(new SandboxDeletedLead(
                    reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero)));
            }
        }

        return (leads, deleted);
    }

    /// <summary>Writes one call's changes in a single transaction (nothing half-written).</summary>
    public async Task SaveAsync(SandboxChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (changes.Saved.Count > 0)
        {
            await SaveLeadsAsync(connection, transaction, changes.Saved, cancellationToken);
        }

        if (changes.Deleted.Count > 0)
        {
            await DeleteLeadsAsync(connection, transaction, changes.Deleted, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Removes every lead and deleted-lead row (the sandbox page's and control API's reset), keeping the last id issued
    /// (flag <see cref="LastLeadIdFlag"/>): Zoho never hands an id out twice, and LeadSync may still hold the old ones.
    /// </summary>
    public async Task ClearLeadsAsync(long lastIssuedId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM leads; DELETE FROM deleted_leads; INSERT OR REPLACE INTO flags (name, value) VALUES ($n, $v);";
        command.Parameters.AddWithValue("$n", LastLeadIdFlag);
        command.Parameters.AddWithValue("$v", lastIssuedId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken); // all or nothing: never the leads gone and the last id forgotten
    }

    /// <summary>The flag that keeps the last lead id issued before a reset.</summary>
    public const string LastLeadIdFlag = "last_lead_id";

    public async Task<List<string>> LoadChannelsAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM watch_channels";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public async Task SaveChannelsAsync(IReadOnlyCollection<(long ChannelId, string? Json)> channels, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (channelId, json) in channels)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = json is null
                ? "DELETE FROM watch_channels WHERE channel_id = $id"
                : "INSERT OR REPLACE INTO watch_channels (channel_id, json) VALUES ($id, $json)";
            command.Parameters.AddWithValue("$id", channelId);
            if (json is not null)
            {
                command.Parameters.AddWithValue("$json", json);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<List<(string Hash, DateTimeOffset Issued, DateTimeOffset Expires)>> LoadTokensAsync(CancellationToken cancellationToken)
    {
        var result = new List<(string, DateTimeOffset, DateTimeOffset)>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash, issued_ticks, expires_ticks FROM access_tokens ORDER BY issued_ticks";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero)));
        }

        return result;
    }

    /// <summary>Replaces the stored access-token hashes with the given set (a handful of rows).</summary>
    public async Task SaveTokensAsync(IReadOnlyCollection<(string Hash, DateTimeOffset Issued, DateTimeOffset Expires)> tokens, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM access_tokens";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (hash, issued, expires) in tokens)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO access_tokens (token_hash, issued_ticks, expires_ticks) VALUES ($h, $i, $e)";
            command.Parameters.AddWithValue("$h", hash);
            command.Parameters.AddWithValue("$i", issued.UtcTicks);
            command.Parameters.AddWithValue("$e", expires.UtcTicks);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<string?> GetFlagAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM flags WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetFlagAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO flags (name, value) VALUES ($n, $v)";
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$v", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts or replaces the leads (one prepared statement) within the call's transaction.</summary>
    private static async Task SaveLeadsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SandboxLead> leads, CancellationToken cancellationToken)
    {
        await using var save = connection.CreateCommand();
        save.Transaction = transaction;
        save.CommandText = """
            INSERT INTO leads (id, first_name, last_name, email, phone, lead_status, company, created_ticks, modified_ticks, extra_json)
            VALUES ($id, $first, $last, $email, $phone, $status, $company, $created, $modified, $extra)
            ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
                phone = excluded.phone, lead_status = excluded.lead_status, company = excluded.company,
                created_ticks = excluded.created_ticks, modified_ticks = excluded.modified_ticks, extra_json = excluded.extra_json
            """;
        var id = save.Parameters.Add("$id", SqliteType.Integer);
        var first = save.Parameters.Add("$first", SqliteType.Text);
        var last = save.Parameters.Add("$last", SqliteType.Text);
        var email = save.Parameters.Add("$email", SqliteType.Text);
        var phone = save.Parameters.Add("$phone", SqliteType.Text);
        var status = save.Parameters.Add("$status", SqliteType.Text);
        var company = save.Parameters.Add("$company", SqliteType.Text);
        var created = save.Parameters.Add("$created", SqliteType.Integer);
        var modified = save.Parameters.Add("$modified", SqliteType.Integer);
        var extra = save.Parameters.Add("$extra", SqliteType.Text);
        await save.PrepareAsync(cancellationToken);
        foreach (var lead in leads)
        {
            id.Value = lead.Id;
            first.Value = (object?)lead.FirstName ?? DBNull.Value;
            last.Value = lead.LastName;
            email.Value = (object?)lead.Email ?? DBNull.Value;
            phone.Value = (object?)lead.Phone ?? DBNull.Value;
            status.Value = (object?)lead.LeadStatus ?? DBNull.Value;
            company.Value = (object?)lead.Company ?? DBNull.Value;
            created.Value = lead.CreatedTime.UtcTicks;
            modified.Value = lead.ModifiedTime.UtcTicks;
            extra.Value = (object?)SandboxExtraValues.Write(lead.Extra) ?? DBNull.Value;
            await save.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Removes the leads and records them as deleted within the call's transaction.</summary>
    private static async Task DeleteLeadsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SandboxDeletedLead> deletedLeads, CancellationToken cancellationToken)
    {
        await using var remove = connection.CreateCommand();
        remove.Transaction = transaction;
        remove.CommandText = """
            DELETE FROM leads WHERE id = $id;
            INSERT OR REPLACE INTO deleted_leads (id, display_name, deleted_ticks) VALUES ($id, $name, $deleted);
            """;
        var id = remove.Parameters.Add("$id", SqliteType.Integer);
        var name = remove.Parameters.Add("$name", SqliteType.Text);
        var deleted = remove.Parameters.Add("$deleted", SqliteType.Integer);
        foreach (var lead in deletedLeads)
        {
            id.Value = lead.Id;
            name.Value = (object?)lead.DisplayName ?? DBNull.Value;
            deleted.Value = lead.DeletedTime.UtcTicks;
            await remove.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
