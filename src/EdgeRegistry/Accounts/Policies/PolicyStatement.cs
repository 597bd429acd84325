namespace EdgeRegistry.Accounts.Policies;

/// <summary>One validated statement of a policy: an effect over actions and resources, patterns precompiled.</summary>
public sealed record PolicyStatement
{
    internal PolicyStatement(PolicyEffect effect, IReadOnlyList<ActionPattern> actions, IReadOnlyList<ResourcePattern> resources)
    {
        Effect = effect;
        Actions = actions;
        Resources = resources;
    }

    public PolicyEffect Effect { get; }

    public IReadOnlyList<ActionPattern> Actions { get; }

    public IReadOnlyList<ResourcePattern> Resources { get; }

    /// <summary>Whether the statement speaks about <paramref name="action"/> (<c>iot:Name</c>) in this account.</summary>
    public bool AppliesTo(ReadOnlySpan<char> action, string accountId)
    {
        var actionMatches = false;
        for (var i = 0; i < Actions.Count && !actionMatches; i++)
        {
            actionMatches = Actions[i].Matches(action);
        }

        if (!actionMatches)
        {
            return false;
        }

        for (var i = 0; i < Resources.Count; i++)
        {
            if (Resources[i].CoversIotCall(accountId))
            {
                return true;
            }
        }

        return false;
    }
}
