namespace EdgeRegistry.Cli;

/// <summary>
/// Process exit codes. Each command documents its own in its help; the values are shared where the meaning is
/// (2: what was asked for cannot be done as written), and may otherwise mean different things per command.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    // edgereg serve
    public const int BadConfiguration = 2;
    public const int CannotStart = 3;

    // edgereg admin
    public const int Failed = 1;
    public const int BadUsage = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;
    public const int Unauthorized = 5;
    public const int ServerUnreachable = 6;
}
