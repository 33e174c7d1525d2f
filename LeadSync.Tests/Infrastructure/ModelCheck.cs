namespace LeadSync.Tests.Infrastructure;

/// <summary>The model-checked sync (one test of about three minutes beside the rest), named so <see cref="LongestFirst"/> can start it early.</summary>
[CollectionDefinition(Name)]
public sealed class ModelCheck
{
    public const string Name = "Model check";
}
