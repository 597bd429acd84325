using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Policies;

/// <summary><c>edgereg admin policies delete ACCOUNT POLICY</c>: <c>DELETE /admin/accounts/{accountId}/policies/{policyName}</c>.</summary>
public sealed class PoliciesDeleteCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _policy = AdminArguments.Policy();

    public PoliciesDeleteCommand(AdminContext context)
        : base("delete", "Delete a policy; refused (exit code 4) while it is attached to a user.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_policy);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var policy = invocation.Parse.GetRequiredValue(_policy);
        await invocation.Client.DeletePolicyAsync(account, policy, cancellationToken);
        invocation.Output.Done($"Deleted policy {policy} of account {account}.");
        return ExitCodes.Ok;
    }
}
