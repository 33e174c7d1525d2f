namespace LeadSync.Core.Security;

/// <summary>Who a valid API key belongs to: a stored key (with its id) or the configured bootstrap key.</summary>
public sealed record ApiKeyIdentity(Guid? Id, string Name, string Prefix)
{
    public bool IsBootstrap => Id is null;
}
