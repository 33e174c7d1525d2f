namespace LeadSync.Core.Zoho;

/// <summary>
/// Connection settings stored in the database by the Settings page, overriding configuration. A null property means
/// "use configuration". <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed record ZohoConnectionOverrides
{
    public static ZohoConnectionOverrides None { get; } = new();

    public ZohoMode? Mode { get; init; }

    public ZohoDataCenter? DataCenter { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? RefreshToken { get; init; }

    public override string ToString() =>
        $"Mode={Mode}, DataCenter={DataCenter}, ClientId={ClientId}, ClientSecret={(ClientSecret is null ? "(none)" : "***")}, RefreshToken={(RefreshToken is null ? "(none)" : "***")}";
}
