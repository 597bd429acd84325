namespace EdgeRegistry.Accounts.Policies;

/// <summary>The <c>Effect</c> of a policy statement.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
