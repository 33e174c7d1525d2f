namespace LeadSync.Web;

/// <summary>
/// Enum values as the console's addresses and the API name them: read by name only (a letter, then letters or digits,
/// any case — never a number or a comma list, which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also take), written in
/// camelCase where a name goes into JSON or an address.
/// </summary>
internal static class EnumNames
{
    public static T? Parse<T>(string? value)
        where T : struct, Enum =>
        value is { Length: > 0 } && char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : null;

    public static string Camel(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string Camel<T>(T value)
        where T : struct, Enum => Camel(value.ToString());
}
