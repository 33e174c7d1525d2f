namespace LeadSync.Core.Outbox;

/// <summary>What caused a lead's pending change (stored by name in <c>Outbox.Trigger</c>, shown on the run record).</summary>
public enum ChangeSource
{
    /// <summary>An admin edited the lead in the console.</summary>
    Console,

    /// <summary>A REST API client changed the lead.</summary>
    Api,

    /// <summary>An admin asked to push selected leads now.</summary>
    Manual,

    /// <summary>A bulk action ("all matching").</summary>
    Bulk,

    /// <summary>A CSV import created or updated the lead.</summary>
    Import,

    /// <summary>A conflict resolution chose local values that Zoho must receive.</summary>
    Conflict,

    /// <summary>A pull merged Zoho's values with unsent local edits: the merged values must reach Zoho.</summary>
    Merge,

    /// <summary>A full resync found a lead that differs from its Zoho record.</summary>
    Resync,

    /// <summary>Demo leads seeded into a fresh console (development only).</summary>
    Demo,

    /// <summary>A Zoho record no lead owns any more is deleted.</summary>
    Orphan,
}
