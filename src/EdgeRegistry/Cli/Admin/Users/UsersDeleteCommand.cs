using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Users;

/// <summary><c>edgereg admin users delete ACCOUNT USER</c>: <c>DELETE /admin/accounts/{accountId}/users/{userName}</c>.</summary>
public sealed class UsersDeleteCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _user = AdminArguments.User();

    public UsersDeleteCommand(AdminContext context)
        : base("delete", "Delete a RAM user with its AccessKeys and policy attachments.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_user);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var user = invocation.Parse.GetRequiredValue(_user);
        await invocation.Client.DeleteUserAsync(account, user, cancellationToken);
        invocation.Output.Done($"Deleted RAM user {user} of account {account}, with its keys and attachments.");
        return ExitCodes.Ok;
    }
}
