using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Policies;

/// <summary>
/// <c>edgereg admin policies attach ACCOUNT USER POLICY</c>:
/// <c>PUT /admin/accounts/{accountId}/users/{userName}/policies/{policyName}</c>.
/// </summary>
public sealed class PoliciesAttachCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _user = AdminArguments.User();
    private readonly Argument<string> _policy = AdminArguments.Policy();

    public PoliciesAttachCommand(AdminContext context)
        : base("attach", "Attach a policy to a RAM user.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_user);
        Arguments.Add(_policy);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var user = invocation.Parse.GetRequiredValue(_user);
        var policy = invocation.Parse.GetRequiredValue(_policy);
        await invocation.Client.AttachPolicyAsync(account, user, policy, cancellationToken);
        invocation.Output.Done($"Attached policy {policy} to RAM user {user} of account {account}.");
        return ExitCodes.Ok;
    }
}
