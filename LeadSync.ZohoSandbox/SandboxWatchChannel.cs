namespace LeadSync.ZohoSandbox;

/// <summary>An enabled Notification API channel (§5).</summary>
public sealed record SandboxWatchChannel
{
    public required long ChannelId { get; init; }

    /// <summary><c>Leads.create</c>, <c>Leads.edit</c>, <c>Leads.delete</c> or <c>Leads.all</c>.</summary>
    public required IReadOnlyList<string> Events { get; init; }

    public required string NotifyUrl { get; init; }

    public string? Token { get; init; }

    public required DateTimeOffset Expiry { get; init; }

    public bool ReturnAffectedFieldValues { get; init; }

    public bool NotifyOnRelatedAction { get; init; } = true;

    /// <summary>The sandbox's API base as the subscriber saw it (for <c>resource_uri</c>).</summary>
    public required string ApiBase { get; init; }

    public string ResourceUri => $"{ApiBase}/crm/v2/Leads";

    /// <summary>True when a change of this kind (<c>insert</c>, <c>update</c>, <c>delete</c>) is subscribed.</summary>
    public bool Matches(string operation)
    {
        var wanted = operation switch
        {
            "insert" => "Leads.create",
            "update" => "Leads.edit",
            "delete" => "Leads.delete",
            _ => null,
        };
        return Events.Any(e => string.Equals(e, "Leads.all", StringComparison.OrdinalIgnoreCase)
            || string.Equals(e, wanted, StringComparison.OrdinalIgnoreCase));
    }
}
