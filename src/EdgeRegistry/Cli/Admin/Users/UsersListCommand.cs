using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Users;

/// <summary><c>edgereg admin users list ACCOUNT</c>: <c>GET /admin/accounts/{accountId}/users</c>.</summary>
public sealed class UsersListCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();

    public UsersListCommand(AdminContext context)
        : base("list", "List an account's RAM users and the policies attached to each.", context)
    {
        Arguments.Add(_account);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var users = await invocation.Client.ListUsersAsync(invocation.Parse.GetRequiredValue(_account), cancellationToken);
        invocation.Output.List(users, "No RAM users.", UserFields.All);
        return ExitCodes.Ok;
    }
}
