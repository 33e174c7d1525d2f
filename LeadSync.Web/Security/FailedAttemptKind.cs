namespace LeadSync.Web.Security;

/// <summary>What a client address failed at; each kind has its own limit and window (<see cref="FailedAttemptOptions"/>).</summary>
public enum FailedAttemptKind
{
    /// <summary>A sign-in form post with a wrong email or password (or for a locked account).</summary>
    SignIn,

    /// <summary>An <c>/api</c> request with an unknown or revoked API key.</summary>
    ApiKey,
}
