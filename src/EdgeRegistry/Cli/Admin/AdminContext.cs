namespace EdgeRegistry.Cli.Admin;

/// <summary>What every command of the <c>admin</c> tree shares: the process it runs in and the global options.</summary>
public sealed record AdminContext(AdminEnvironment Environment, AdminGlobalOptions Options);
