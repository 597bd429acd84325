namespace EdgeRegistry.Cli.User;

/// <summary>What every command of one <c>drivers</c> or <c>versions</c> tree shares: the process and the global options.</summary>
public sealed record UserContext(Admin.AdminEnvironment Environment, UserGlobalOptions Options);
