using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Policies;

/// <summary>
/// <c>edgereg admin policies attach|detach ACCOUNT USER POLICY</c>:
/// <c>PUT</c> or <c>DELETE /admin/accounts/{accountId}/users/{userName}/policies/{policyName}</c>.
/// One class for both, as for keys enable|disable: the same arguments, one call either way.
/// </summary>
public sealed class PoliciesAttachmentCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _user = AdminArguments.User();
    private readonly Argument<string> _policy = AdminArguments.Policy();
    private readonly bool _attach;

    public PoliciesAttachmentCommand(AdminContext context, bool attach)
        : base(attach ? "attach" : "detach", attach ? "Attach a policy to a RAM user." : "Detach a policy from a RAM user.", context)
    {
        _attach = attach;
        Arguments.Add(_account);
        Arguments.Add(_user);
        Arguments.Add(_policy);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var user = invocation.Parse.GetRequiredValue(_user);
        var policy = invocation.Parse.GetRequiredValue(_policy);
        if (_attach)
        {
            await invocation.Client.AttachPolicyAsync(account, user, policy, cancellationToken);
            invocation.Output.Done($"Attached policy {policy} to RAM user {user} of account {account}.");
        }
        else
        {
            await invocation.Client.DetachPolicyAsync(account, user, policy, cancellationToken);
            invocation.Output.Done($"Detached policy {policy} from RAM user {user} of account {account}.");
        }

        return ExitCodes.Ok;
    }
}
