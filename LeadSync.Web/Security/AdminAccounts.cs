using System.ComponentModel.DataAnnotations;
using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Web.Security;

/// <summary>
/// Lists, creates and removes admins (ASP.NET Core Identity users; every user is an admin). Each call runs in its own
/// DI scope, so interactive pages never hold a DbContext for the circuit's life. Passwords follow
/// <see cref="AdminPasswordValidator"/> (12+ characters, not common, not the email) and are stored hashed by Identity;
/// they are never logged.
/// </summary>
public sealed class AdminAccounts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AdminAccounts> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.Users.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdminInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var list = await users.Users.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return list
            .Select(u => new AdminInfo(u.Id, u.Email ?? u.UserName ?? u.Id, u.LockoutEnd > now ? u.LockoutEnd : null))
            .OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Creates the first admin (the <c>/setup</c> page, or <c>Admin:Email</c>/<c>Admin:Password</c> at startup); refused once any admin exists.</summary>
    public Task<AdminResult> CreateFirstAsync(string email, string password, CancellationToken cancellationToken = default) =>
        CreateAsync(email, password, "setup", onlyIfNone: true, cancellationToken);

    /// <summary>An admin adds another admin.</summary>
    public Task<AdminResult> AddAsync(string email, string password, string addedBy, CancellationToken cancellationToken = default) =>
        CreateAsync(email, password, addedBy, onlyIfNone: false, cancellationToken);

    /// <summary>Removes an admin; an admin cannot remove themself, and the last admin stays.</summary>
    public async Task<AdminResult> RemoveAsync(string id, string currentUserId, CancellationToken cancellationToken = default)
    {
        if (string.Equals(id, currentUserId, StringComparison.Ordinal))
        {
            return AdminResult.Failure(string.Empty, "self", "You cannot remove yourself: ask another admin to do it.");
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return AdminResult.Failure(string.Empty, "notFound", "That admin no longer exists.");
            }

            if (await users.Users.CountAsync(cancellationToken) <= 1)
            {
                return AdminResult.Failure(string.Empty, "last", "The last admin cannot be removed.");
            }

            var result = await users.DeleteAsync(user);
            if (!result.Succeeded)
            {
                return ToResult(result, users.Options.Password);
            }

            logger.LogInformation("Admin {AdminId} removed by {RemovedBy}", id, currentUserId);
            return AdminResult.Success;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<AdminResult> CreateAsync(string email, string password, string createdBy, bool onlyIfNone, CancellationToken cancellationToken)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        if (CheckInput(trimmed, password) is { } invalid)
        {
            return invalid;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (onlyIfNone && await users.Users.AnyAsync(cancellationToken))
            {
                return AdminResult.Failure(string.Empty, "setupDone", "LeadSync already has an admin: sign in, and add admins on the Admins page.");
            }

            var user = new IdentityUser { UserName = trimmed, Email = trimmed, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return ToResult(result, users.Options.Password);
            }

            logger.LogInformation("Admin {AdminId} created by {CreatedBy}", user.Id, createdBy);
            return AdminResult.Success;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>What is wrong with a new admin's (trimmed) email and password before Identity checks the password's rules; null if nothing.</summary>
    private static AdminResult? CheckInput(string email, string password)
    {
        if (email.Length == 0)
        {
            return AdminResult.Failure("Email", "required", "Email is required.");
        }

        if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            return AdminResult.Failure("Email", "format", "Email must be a valid address such as name@example.com.");
        }

        if (string.IsNullOrEmpty(password))
        {
            return AdminResult.Failure("Password", "required", "Password is required.");
        }

        return null;
    }

    /// <summary>Identity's errors per field, in plain words: password rules as <see cref="PasswordRuleText"/> states them.</summary>
    private static AdminResult ToResult(IdentityResult result, PasswordOptions options) => new(result.Errors
        .Select(e => new ValidationFailure(FieldOf(e.Code), e.Code, e.Code switch
        {
            "DuplicateUserName" or "DuplicateEmail" => "An admin with this email already exists.",
            _ when FieldOf(e.Code) == "Password" => PasswordRuleText.Explain(e.Code, e.Description, options),
            _ => e.Description,
        }))
        .DistinctBy(f => f.Message)
        .ToList());

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "Email"
        : string.Empty;
}
