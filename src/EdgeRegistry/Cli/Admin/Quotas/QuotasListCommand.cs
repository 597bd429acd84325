using System.CommandLine;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Quotas;

/// <summary><c>edgereg admin quotas list ACCOUNT</c>: <c>GET /admin/accounts/{accountId}/quotas</c>.</summary>
public sealed class QuotasListCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();

    public QuotasListCommand(AdminContext context)
        : base("list", "List an account's quota overrides; actions not listed have the default limit.", context)
    {
        Arguments.Add(_account);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var quotas = await invocation.Client.ListQuotasAsync(invocation.Parse.GetRequiredValue(_account), cancellationToken);
        invocation.Output.List<AdminQuota>(
            quotas,
            "No overrides: every action has the default limit.",
            new("Action", q => q.Action == "*" ? "* (every action)" : q.Action),
            new("Limit", q => AdminFormat.Limit(q.LimitPerSecond)));
        return ExitCodes.Ok;
    }
}
