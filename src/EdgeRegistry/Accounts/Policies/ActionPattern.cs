namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// One entry of a statement's <c>Action</c>: <c>*</c>, or <c>&lt;ram-code&gt;:&lt;action-name&gt;</c> with
/// <c>*</c>/<c>?</c> wildcards (<c>iot:Query*</c>). It is matched against the whole request action
/// (<c>iot:QueryEdgeDriver</c>), so <c>ecs:*</c> never matches an IoT call.
/// </summary>
public sealed class ActionPattern
{
    private readonly GlobPattern _glob;

    internal ActionPattern(string text)
    {
        Text = text;
        _glob = new GlobPattern(text);
    }

    /// <summary>The entry as written in the policy.</summary>
    public string Text { get; }

    /// <summary>Whether the pattern covers <paramref name="action"/>, e.g. <c>iot:QueryEdgeDriver</c>; case is ignored.</summary>
    public bool Matches(ReadOnlySpan<char> action) => _glob.Matches(action);

    public override string ToString() => Text;
}
