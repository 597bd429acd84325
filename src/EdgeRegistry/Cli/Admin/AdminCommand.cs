using EdgeRegistry.Cli.Admin.Accounts;
using EdgeRegistry.Cli.Admin.Import;
using EdgeRegistry.Cli.Admin.Instances;
using EdgeRegistry.Cli.Admin.Keys;
using EdgeRegistry.Cli.Admin.Policies;
using EdgeRegistry.Cli.Admin.Quotas;
using EdgeRegistry.Cli.Admin.Users;

namespace EdgeRegistry.Cli.Admin;

/// <summary><c>edgereg admin</c>: a client of the server's admin API (docs/admin-api.md).</summary>
public sealed class AdminCommand : AdminGroupCommand
{
    private const string Help = """
        Manage accounts, AccessKeys, RAM users, policies, Enterprise instances and quotas through a running server's admin API.

        Exit codes:
          0  done
          1  failed (the server answered with an error this list does not name)
          2  wrong usage, or the server refused an argument (HTTP 400)
          3  not found (HTTP 404)
          4  conflict: already exists, or still attached (HTTP 409)
          5  no operator token, or the server refused it (HTTP 401)
          6  cannot reach the server
        """;

    public AdminCommand(AdminContext context)
        : base("admin", Help, context)
    {
        foreach (var option in context.Options.All)
        {
            Options.Add(option);
        }

        Subcommands.Add(new AccountsCommand(context));
        Subcommands.Add(new KeysCommand(context));
        Subcommands.Add(new UsersCommand(context));
        Subcommands.Add(new PoliciesCommand(context));
        Subcommands.Add(new InstancesCommand(context));
        Subcommands.Add(new QuotasCommand(context));
        Subcommands.Add(new ImportCommand(context));
        Subcommands.Add(new Storage.StorageCommand(context));
    }

    public static AdminCommand Create(AdminEnvironment environment) => new(new AdminContext(environment, new AdminGlobalOptions()));
}
