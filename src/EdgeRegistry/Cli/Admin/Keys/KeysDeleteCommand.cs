using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Keys;

/// <summary><c>edgereg admin keys delete ACCOUNT KEYID</c>: <c>DELETE /admin/accounts/{accountId}/keys/{accessKeyId}</c>.</summary>
public sealed class KeysDeleteCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _key = new("KEYID") { Description = "The AccessKeyId." };

    public KeysDeleteCommand(AdminContext context)
        : base("delete", "Delete an AccessKey: calls signed with it get InvalidAccessKeyId.NotFound.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_key);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var key = invocation.Parse.GetRequiredValue(_key);
        await invocation.Client.DeleteKeyAsync(account, key, cancellationToken);
        invocation.Output.Done($"Deleted AccessKey {key} of account {account}.");
        return ExitCodes.Ok;
    }
}
