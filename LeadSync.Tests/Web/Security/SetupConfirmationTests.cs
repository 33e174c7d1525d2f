using LeadSync.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace LeadSync.Tests.Web.Security;

/// <summary>The setup → sign-in note: only a token this app issued names an email; anything else says nothing.</summary>
public sealed class SetupConfirmationTests
{
    [Fact]
    public void A_token_names_the_new_admin_and_a_forged_or_tampered_one_names_nobody()
    {
        var confirmation = new SetupConfirmation(new EphemeralDataProtectionProvider());
        var token = confirmation.Issue(" first@leadsync.test ");

        Assert.Equal("first@leadsync.test", confirmation.Read(token));
        Assert.DoesNotContain("leadsync", token, StringComparison.OrdinalIgnoreCase);
        Assert.Null(confirmation.Read(null));
        Assert.Null(confirmation.Read("first@leadsync.test"));
        Assert.Null(confirmation.Read(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));
        Assert.Null(new SetupConfirmation(new EphemeralDataProtectionProvider()).Read(token)); // another key ring
    }
}
