using System.Text.Json.Serialization;

namespace LeadSync.Core.Zoho;

/// <summary>The callback Zoho posts to a channel's <c>notify_url</c> (§5). It carries ids only, never record data.</summary>
public sealed record ZohoNotification
{
    [JsonPropertyName("server_time")]
    public long ServerTime { get; init; }

    [JsonPropertyName("module")]
    public string? Module { get; init; }

    [JsonPropertyName("resource_uri")]
    public string? ResourceUri { get; init; }

    [JsonPropertyName("ids")]
    public IReadOnlyList<string> Ids { get; init; } = [];

    [JsonPropertyName("affected_fields")]
    public IReadOnlyList<object>? AffectedFields { get; init; }

    /// <summary><c>insert</c>, <c>update</c> or <c>delete</c>.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    [JsonPropertyName("channel_id")]
    public string? ChannelId { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }
}
