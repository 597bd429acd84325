namespace EdgeRegistry.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int BadConfiguration = 2;
    public const int CannotStart = 3;
}
