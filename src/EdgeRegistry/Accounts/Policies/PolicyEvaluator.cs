namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// Decides whether a RAM user may call an IoT action: the permission is <c>iot:&lt;Action&gt;</c> on resource
/// <c>*</c> (api.md section 7). Any applicable Deny statement wins; otherwise some applicable Allow is needed;
/// with neither the call is implicitly denied. Root keys never come here: they may do everything.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>IoT Platform's RAM code, the service part of every action this server authorizes.</summary>
    public const string Service = "iot";

    // "iot:" plus the longest action name fits easily; longer input (not a real action) takes the heap path.
    private const int StackLimit = 128;

    /// <param name="policies">The documents attached to the RAM user, already parsed.</param>
    /// <param name="action">The wire Action name, e.g. <c>QueryEdgeDriverVersion</c>.</param>
    /// <param name="accountId">The account the RAM user belongs to, matched against ARN account ids.</param>
    public static PolicyDecision Evaluate(IReadOnlyList<PolicyDocument> policies, string action, string accountId)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(accountId);

        var length = Service.Length + 1 + action.Length;
        Span<char> qualified = length <= StackLimit ? stackalloc char[length] : new char[length];
        Service.AsSpan().CopyTo(qualified);
        qualified[Service.Length] = ':';
        action.AsSpan().CopyTo(qualified[(Service.Length + 1)..]);

        var allowed = false;
        for (var p = 0; p < policies.Count; p++)
        {
            var statements = policies[p].Statements;
            for (var s = 0; s < statements.Count; s++)
            {
                var statement = statements[s];
                // Once allowed, only a Deny can still change the answer, so Allow statements need no more matching.
                if ((allowed && statement.Effect == PolicyEffect.Allow) || !statement.AppliesTo(qualified, accountId))
                {
                    continue;
                }

                if (statement.Effect == PolicyEffect.Deny)
                {
                    return PolicyDecision.ExplicitDeny;
                }

                allowed = true;
            }
        }

        return allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }
}
