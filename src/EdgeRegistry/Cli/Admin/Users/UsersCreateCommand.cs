using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Users;

/// <summary><c>edgereg admin users create ACCOUNT USER</c>: <c>POST /admin/accounts/{accountId}/users</c>.</summary>
public sealed class UsersCreateCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _user = new("USER") { Description = "The new user's name: 1-64 of A-Z a-z 0-9 . _ -" };

    public UsersCreateCommand(AdminContext context)
        : base("create", "Create a RAM user, with no keys and no policies.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_user);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var user = await invocation.Client.CreateUserAsync(
            invocation.Parse.GetRequiredValue(_account), invocation.Parse.GetRequiredValue(_user), cancellationToken);
        invocation.Output.Item(user, UserFields.All);
        return ExitCodes.Ok;
    }
}
