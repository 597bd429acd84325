namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// The outcome of evaluating a RAM user's policies. Both denials become <c>Forbidden.RAM</c> on the wire; they are
/// kept apart so logs and the admin API can say whether a Deny statement or a missing Allow was the cause.
/// </summary>
public enum PolicyDecision
{
    Allow,
    ImplicitDeny,
    ExplicitDeny,
}
