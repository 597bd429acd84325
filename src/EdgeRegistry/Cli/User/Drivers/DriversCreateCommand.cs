using System.CommandLine;

namespace EdgeRegistry.Cli.User.Drivers;

/// <summary><c>edgereg drivers create NAME --protocol P --runtime R [--cpu-arch A] [--built-in]</c>: CreateEdgeDriver.</summary>
public sealed class DriversCreateCommand : UserLeafCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "1-20 letters, digits and _, starting with a letter; unique in the instance." };
    private readonly Option<string> _protocol = new("--protocol") { Description = "modbus, opc-ua or customize.", HelpName = "P", Required = true };
    private readonly Option<string> _runtime = new("--runtime") { Description = "nodejs8, python3, c or java8.", HelpName = "R", Required = true };
    private readonly Option<string> _cpuArch = new("--cpu-arch") { Description = "ARMv7, ARMv7-HF, AArch64, x86-64 or x86 (default: any).", HelpName = "A" };
    private readonly Option<bool> _builtIn = new("--built-in") { Description = "The code is pre-installed on gateways: versions need no package." };

    public DriversCreateCommand(UserContext context)
        : base("create", "Create a custom driver and show it.", context)
    {
        Arguments.Add(_name);
        Options.Add(_protocol);
        Options.Add(_runtime);
        Options.Add(_cpuArch);
        Options.Add(_builtIn);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var parse = invocation.Parse;
        var driverId = await invocation.Client.CreateDriverAsync(parse.GetRequiredValue(_name), parse.GetRequiredValue(_protocol),
            parse.GetRequiredValue(_runtime), parse.GetValue(_cpuArch), parse.GetValue(_builtIn), cancellationToken);
        var created = await invocation.Client.GetDriversAsync([driverId], cancellationToken);
        if (created.Count == 0)
        {
            // Deleted between the two calls by someone else: the id is still what the caller needs to know.
            invocation.Output.Done($"Created driver {driverId}.");
            return ExitCodes.Ok;
        }

        invocation.Output.Item(created[0], DriverFields.All);
        return ExitCodes.Ok;
    }
}
