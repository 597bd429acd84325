using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Instances;

/// <summary><c>edgereg admin instances list ACCOUNT</c>: <c>GET /admin/accounts/{accountId}/instances</c>.</summary>
public sealed class InstancesListCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();

    public InstancesListCommand(AdminContext context)
        : base("list", "List an account's Enterprise instances.", context)
    {
        Arguments.Add(_account);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var instances = await invocation.Client.ListInstancesAsync(invocation.Parse.GetRequiredValue(_account), cancellationToken);
        invocation.Output.List(instances, "No instances: the account has only the public instance.", InstanceFields.All);
        return ExitCodes.Ok;
    }
}
