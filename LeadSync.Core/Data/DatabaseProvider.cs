namespace LeadSync.Core.Data;

/// <summary>The database engines LeadSync runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
