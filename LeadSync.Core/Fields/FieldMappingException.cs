namespace LeadSync.Core.Fields;

/// <summary>A mapping change refused before anything was stored; the message names the field and the rule.</summary>
public sealed class FieldMappingException : Exception
{
    public FieldMappingException(string apiName, string message)
        : base(message) => ApiName = apiName;

    public FieldMappingException()
    {
    }

    public FieldMappingException(string message)
        : base(message)
    {
    }

    public FieldMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The field the refusal is about.</summary>
    public string? ApiName { get; }
}
