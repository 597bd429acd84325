using System.CommandLine;
using System.Globalization;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Quotas;

/// <summary><c>edgereg admin quotas set ACCOUNT ACTION LIMIT</c>: <c>PUT /admin/accounts/{accountId}/quotas/{action}</c>.</summary>
public sealed class QuotasSetCommand : AdminLeafCommand
{
    public const int MaxLimit = 1_000_000;

    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _action = new("ACTION") { Description = "An Iot action, e.g. QueryEdgeDriver, or * for every action." };
    private readonly Argument<string> _limit = new("LIMIT") { Description = $"Calls per second, 0-{MaxLimit:N0}, or 'unlimited'." };

    public QuotasSetCommand(AdminContext context)
        : base("set", "Set an account's limit for one action, or for every action with *.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_action);
        Arguments.Add(_limit);
        _limit.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && !TryParseLimit(text, out _))
            {
                result.AddError($"LIMIT must be a number of calls per second from 0 to {MaxLimit} or 'unlimited', not '{text}'.");
            }
        });
    }

    /// <param name="limit">null for unlimited.</param>
    public static bool TryParseLimit(string text, out int? limit)
    {
        limit = null;
        if (text.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxLimit)
        {
            limit = n;
            return true;
        }

        return false;
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var action = invocation.Parse.GetRequiredValue(_action);
        TryParseLimit(invocation.Parse.GetRequiredValue(_limit), out var limit);
        await invocation.Client.SetQuotaAsync(account, action, limit, cancellationToken);
        invocation.Output.Done($"Account {account}: {action} is now limited to {AdminFormat.Limit(limit)}.");
        return ExitCodes.Ok;
    }
}
