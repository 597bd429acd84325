using System.CommandLine;

namespace EdgeRegistry.Cli.Admin;

/// <summary>Arguments several admin commands take, described once. Each call makes a new one: a symbol has one parent.</summary>
internal static class AdminArguments
{
    public static Argument<string> Account() => new("ACCOUNT") { Description = "The account id (see 'edgereg admin accounts list')." };

    public static Argument<string> User() => new("USER") { Description = "The RAM user's name." };

    public static Argument<string> Policy() => new("POLICY") { Description = "The policy's name." };
}
