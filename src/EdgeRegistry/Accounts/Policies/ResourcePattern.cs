namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// One entry of a statement's <c>Resource</c>: <c>*</c> or an ARN <c>acs:&lt;ram-code&gt;:&lt;region&gt;:&lt;account-id&gt;:&lt;relative-id&gt;</c>.
/// </summary>
/// <remarks>
/// IoT Platform authorizes at API level only: every call's resource is "everything of this account", and Alibaba's
/// IoT RAM page says to set Resource to <c>*</c>. So an entry covers a request when it is <c>*</c>, or when it is an
/// ARN whose service matches <c>iot</c>, whose account matches the caller's account and whose relative id is all
/// wildcards (<c>acs:iot:*:*:*</c>, <c>acs:iot:*:1234567890:*</c>). Region is not checked: a server is one region.
/// An ARN naming something narrower (<c>acs:iot:*:*:product/a1B2</c>) names a resource IoT cannot authorize against,
/// so the statement does not apply — for an Allow that denies, for a Deny it has no effect, as on Alibaba.
/// </remarks>
public sealed class ResourcePattern
{
    private readonly bool _coversEverything;
    private readonly GlobPattern? _service;
    private readonly GlobPattern? _account;
    private readonly bool _relativeIsEverything;

    internal ResourcePattern(string text)
    {
        Text = text;
        var glob = new GlobPattern(text);
        if (glob.MatchesEverything)
        {
            _coversEverything = true;
            return;
        }

        // The parser has checked the five-part shape; the relative id may itself contain ':'.
        var parts = text.Split(':', 5);
        _service = new GlobPattern(parts[1]);
        _account = new GlobPattern(parts[3]);
        _relativeIsEverything = new GlobPattern(parts[4]).MatchesEverything;
    }

    /// <summary>The entry as written in the policy.</summary>
    public string Text { get; }

    /// <summary>Whether the entry covers an IoT API call made in <paramref name="accountId"/>.</summary>
    public bool CoversIotCall(string accountId) =>
        _coversEverything
        || (_relativeIsEverything && _service!.Matches(PolicyEvaluator.Service) && _account!.Matches(accountId));

    public override string ToString() => Text;
}
