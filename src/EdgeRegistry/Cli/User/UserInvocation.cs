using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.Admin.Output;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.User;

/// <summary>One run of one command: what was typed, the API client, the object transfers, and where the answer goes.</summary>
public sealed record UserInvocation(
    ParseResult Parse, IotClient Client, ObjectTransfer Transfer, IAdminOutput Output, AdminEnvironment Environment);
