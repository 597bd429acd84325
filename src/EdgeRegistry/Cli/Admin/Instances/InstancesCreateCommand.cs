using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Instances;

/// <summary><c>edgereg admin instances create ACCOUNT [ID]</c>: <c>POST /admin/accounts/{accountId}/instances</c>.</summary>
public sealed class InstancesCreateCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string?> _instance = new("ID")
    {
        Description = "iot- and 4-32 lowercase letters and digits (default: the server makes one up).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public InstancesCreateCommand(AdminContext context)
        : base("create", "Create an Enterprise instance.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_instance);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var instance = await invocation.Client.CreateInstanceAsync(
            invocation.Parse.GetRequiredValue(_account), invocation.Parse.GetValue(_instance), cancellationToken);
        invocation.Output.Item(instance, InstanceFields.All);
        return ExitCodes.Ok;
    }
}
