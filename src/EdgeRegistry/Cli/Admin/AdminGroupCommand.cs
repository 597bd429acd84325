using System.CommandLine;

namespace EdgeRegistry.Cli.Admin;

/// <summary>A command that only groups others (<c>admin keys</c>): run on its own, it is wrong usage.</summary>
public abstract class AdminGroupCommand : Command
{
    protected AdminGroupCommand(string name, string description, AdminContext context)
        : this(name, description, context.Environment)
    {
    }

    /// <summary>For the command groups outside <c>admin</c> (<c>drivers</c>, <c>versions</c>), which have no admin context.</summary>
    protected AdminGroupCommand(string name, string description, AdminEnvironment environment)
        : base(name, description)
    {
        Action = new AdminCommandAction((parse, _) =>
        {
            var problems = AdminUsage.Problems(parse).ToList();
            if (problems.Count == 0)
            {
                problems.Add($"'{AdminUsage.CommandPath(parse.CommandResult)}' needs a command: {string.Join(", ", Subcommands.Select(c => c.Name))}.");
            }

            return Task.FromResult(AdminUsage.Report(parse, environment.Error, problems));
        });
    }
}
