using LeadSync.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace LeadSync.Tests.Web.Security;

/// <summary>The password rules without a host: length as a person counts it, the shipped deny list, the email rule.</summary>
public sealed class AdminPasswordValidatorTests
{
    private static readonly CommonPasswords Shipped = CommonPasswords.LoadEmbedded();

    private static async Task<IReadOnlyList<string>> ErrorsAsync(string password, string email = "ada.lovelace@engines.test")
    {
        var validator = new AdminPasswordValidator(Shipped);
        var result = await validator.ValidateAsync(null!, new IdentityUser { UserName = email, Email = email }, password);
        return result.Errors.Select(e => e.Code).ToList();
    }

    [Fact]
    public void The_shipped_deny_list_holds_thousands_of_common_passwords_including_the_ones_people_reach_for_first()
    {
        Assert.True(Shipped.Count > 5_000, $"{Shipped.Count} entries");
        foreach (var common in new[] { "Password1!", "password1234", "qwertyuiop12", "123456789012", "P@ssw0rd2024", "Welcome@2025", "iloveyou1234", "1qaz2wsx3edc" })
        {
            Assert.True(Shipped.Contains(common), common);
        }
    }

    [Theory]
    [InlineData("violet tractor harbour")]
    [InlineData("correcthorsebatterystaple")]
    [InlineData("Test-only-Pa55word!")]
    [InlineData("zzzzzzzzzzzy")]
    [InlineData("日本語のパスフレーズを使う十二文字")]
    public async Task A_long_uncommon_password_without_the_email_passes_whatever_its_characters(string password) =>
        Assert.Empty(await ErrorsAsync(password));

    [Theory]
    [InlineData("a    b    c    d", "PasswordTooShort")] // runs of spaces count once: 7 characters
    [InlineData("😀😀😀😀😀😀😀😀😀😀😀", "PasswordTooShort")] // 11 characters (22 UTF-16 units)
    [InlineData("PASSWORD1234", "PasswordTooCommon")]
    [InlineData("aaaaaaaaaaaaaaaa", "PasswordTooCommon")]
    [InlineData("xyz1xyz1xyz1xyz1", "PasswordTooCommon")]
    [InlineData("monkeymonkeymonkey", "PasswordTooCommon")]
    [InlineData("hello ada.lovelace!", "PasswordContainsEmail")]
    [InlineData("ADA.LOVELACE@ENGINES.TEST", "PasswordContainsEmail")]
    public async Task A_password_breaking_a_rule_gets_that_rule_s_error(string password, string code) =>
        Assert.Contains(code, await ErrorsAsync(password));

    [Fact]
    public async Task A_password_longer_than_128_characters_is_refused() =>
        Assert.Equal(["PasswordTooLong"], await ErrorsAsync(string.Join(' ', Enumerable.Repeat("lantern", 20))));

    [Fact]
    public async Task A_very_short_local_part_is_not_searched_for() =>
        Assert.Empty(await ErrorsAsync("al fresco dining tonight", "al@engines.test"));
}
