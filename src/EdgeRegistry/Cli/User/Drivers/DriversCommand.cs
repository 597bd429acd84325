using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Drivers;

/// <summary><c>edgereg drivers</c>: the drivers of an account and instance, through the Iot API.</summary>
public sealed class DriversCommand : AdminGroupCommand
{
    public DriversCommand(UserContext context)
        : base("drivers", UserHelp.With("Custom drivers: list, create, show and delete them through the Iot API."), context.Environment)
    {
        foreach (var option in context.Options.All)
        {
            Options.Add(option);
        }

        Subcommands.Add(new DriversListCommand(context));
        Subcommands.Add(new DriversCreateCommand(context));
        Subcommands.Add(new DriversShowCommand(context));
        Subcommands.Add(new DriversDeleteCommand(context));
    }

    public static DriversCommand Create(AdminEnvironment environment) => new(new UserContext(environment, new UserGlobalOptions()));
}
