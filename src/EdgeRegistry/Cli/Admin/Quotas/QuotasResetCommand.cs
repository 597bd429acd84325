using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Quotas;

/// <summary><c>edgereg admin quotas reset ACCOUNT ACTION</c>: <c>DELETE /admin/accounts/{accountId}/quotas/{action}</c>.</summary>
public sealed class QuotasResetCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _action = new("ACTION") { Description = "The action whose override goes, or *." };

    public QuotasResetCommand(AdminContext context)
        : base("reset", "Remove an override: the action goes back to the default limit.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_action);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var action = invocation.Parse.GetRequiredValue(_action);
        await invocation.Client.ResetQuotaAsync(account, action, cancellationToken);
        invocation.Output.Done($"Account {account}: the override for {action} is gone; the default limit applies.");
        return ExitCodes.Ok;
    }
}
