namespace EdgeRegistry.Cli.Admin;

internal static class SecretNotice
{
    public const string Text = "Store the AccessKeySecret now: it will not be shown again.";
}
