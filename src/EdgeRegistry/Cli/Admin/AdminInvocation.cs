using System.CommandLine;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin;

/// <summary>One run of one admin command: what was typed, the client to call and where the answer goes.</summary>
public sealed record AdminInvocation(ParseResult Parse, AdminClient Client, IAdminOutput Output, AdminEnvironment Environment);
