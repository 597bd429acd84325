using System.CommandLine;

namespace EdgeRegistry.Cli.User;

/// <summary>Arguments several commands take, described once. Each call makes a new one: a symbol has one parent.</summary>
internal static class UserArguments
{
    public static Argument<string> Driver() => new("DRIVER_ID") { Description = "The driver's id (see 'edgereg drivers list')." };

    public static Argument<string> Version() => new("VERSION") { Description = "The driver version, e.g. 1.0.0." };
}
