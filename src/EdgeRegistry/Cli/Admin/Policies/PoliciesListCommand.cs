using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Policies;

/// <summary><c>edgereg admin policies list ACCOUNT</c>: <c>GET /admin/accounts/{accountId}/policies</c>.</summary>
public sealed class PoliciesListCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();

    public PoliciesListCommand(AdminContext context)
        : base("list", "List an account's policies with their documents.", context)
    {
        Arguments.Add(_account);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var policies = await invocation.Client.ListPoliciesAsync(invocation.Parse.GetRequiredValue(_account), cancellationToken);
        invocation.Output.List(policies, "No policies.", PolicyFields.All);
        return ExitCodes.Ok;
    }
}
