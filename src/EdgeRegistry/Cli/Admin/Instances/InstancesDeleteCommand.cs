using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Instances;

/// <summary><c>edgereg admin instances delete ACCOUNT ID</c>: <c>DELETE /admin/accounts/{accountId}/instances/{instanceId}</c>.</summary>
public sealed class InstancesDeleteCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _instance = new("ID") { Description = "The instance id." };

    public InstancesDeleteCommand(AdminContext context)
        : base("delete", "Delete an Enterprise instance.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_instance);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var instance = invocation.Parse.GetRequiredValue(_instance);
        await invocation.Client.DeleteInstanceAsync(account, instance, cancellationToken);
        invocation.Output.Done($"Deleted instance {instance} of account {account}.");
        return ExitCodes.Ok;
    }
}
