using LeadSync.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// The password rules as people read them: stated up front from the configured <see cref="PasswordOptions"/>, and every
/// broken rule (any of Identity's own error codes too) told as one plain sentence that names the field.
/// </summary>
public sealed class PasswordRuleTextTests
{
    [Fact]
    public void Identity_password_errors_become_plain_field_named_sentences_without_identity_wording()
    {
        var options = new PasswordOptions { RequiredLength = 12, RequiredUniqueChars = 4 };
        var describer = new IdentityErrorDescriber();
        var cases = new (IdentityError Error, string Expected)[]
        {
            (describer.PasswordRequiresNonAlphanumeric(), "Password: needs at least one symbol such as ! or #"),
            (describer.PasswordRequiresDigit(), "Password: needs at least one digit (0–9)"),
            (describer.PasswordRequiresLower(), "Password: needs at least one lowercase letter (a–z)"),
            (describer.PasswordRequiresUpper(), "Password: needs at least one capital letter (A–Z)"),
            (describer.PasswordRequiresUniqueChars(4), "Password: needs at least 4 different characters"),
            (describer.PasswordTooShort(6), "Password: needs at least 12 characters"),
        };

        foreach (var (error, expected) in cases)
        {
            var plain = PasswordRuleText.Explain(error.Code, error.Description, options);
            Assert.Equal(expected, plain);
            Assert.DoesNotContain("alphanumeric", plain, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Passwords must", plain, StringComparison.Ordinal);
        }

        Assert.Equal("Password: something new", PasswordRuleText.Explain("PasswordSomethingNew", "something new", options));
    }

    [Fact]
    public void The_stated_rules_follow_the_configured_options()
    {
        var leadSync = PasswordRuleText.Requirements(AdminPasswordValidator.LeadSyncOptions);
        Assert.Equal(
            ["At least 12 characters (up to 128); a passphrase of a few words is easiest", "Not a common password, and not containing your email address"],
            leadSync);

        var strict = PasswordRuleText.Requirements(new PasswordOptions
        {
            RequiredLength = 16, RequireDigit = true, RequireLowercase = true, RequireUppercase = true, RequireNonAlphanumeric = true, RequiredUniqueChars = 5,
        });
        Assert.Equal("At least 16 characters (up to 128); a passphrase of a few words is easiest", strict[0]);
        Assert.Contains("At least one digit (0–9)", strict);
        Assert.Contains("At least one lowercase letter (a–z)", strict);
        Assert.Contains("At least one capital letter (A–Z)", strict);
        Assert.Contains("At least one symbol such as ! or #", strict);
        Assert.Contains("At least 5 different characters", strict);

        // Never below ASVS's 12, whatever the options say.
        Assert.StartsWith("At least 12 characters", PasswordRuleText.Requirements(new PasswordOptions { RequiredLength = 6 })[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_checks_what_the_options_ask_for_one_message_per_broken_rule()
    {
        var identity = new IdentityOptions();
        identity.Password.RequiredLength = 12;
        identity.Password.RequireDigit = true;
        identity.Password.RequireNonAlphanumeric = true;
        identity.Password.RequireUppercase = false;
        identity.Password.RequireLowercase = false;
        using var manager = new UserManager<IdentityUser>(new NoUserStore(), Options.Create(identity), null!, null!, null!, null!, null!, null!, null!);
        var validator = new AdminPasswordValidator(new CommonPasswords([]));
        var user = new IdentityUser { UserName = "ada@engines.test", Email = "ada@engines.test" };

        var broken = await validator.ValidateAsync(manager, user, "violettractorharbour");
        Assert.Equal(
            ["Password: needs at least one digit (0–9)", "Password: needs at least one symbol such as ! or #"],
            broken.Errors.Select(e => e.Description));
        Assert.True((await validator.ValidateAsync(manager, user, "violet tractor harbour 7!")).Succeeded);
    }

    /// <summary>The validator reads only the manager's options; a store is required by the constructor, never used.</summary>
    private sealed class NoUserStore : IUserStore<IdentityUser>
    {
        public Task<IdentityResult> CreateAsync(IdentityUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> DeleteAsync(IdentityUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> GetNormalizedUserNameAsync(IdentityUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> GetUserIdAsync(IdentityUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> GetUserNameAsync(IdentityUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetNormalizedUserNameAsync(IdentityUser user, string? normalizedName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetUserNameAsync(IdentityUser user, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> UpdateAsync(IdentityUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
