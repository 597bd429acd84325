using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Keys;

/// <summary>
/// <c>edgereg admin keys enable|disable ACCOUNT KEYID</c>: <c>PATCH /admin/accounts/{accountId}/keys/{accessKeyId}</c>.
/// One class for both: they are one API call with <c>enabled</c> true or false.
/// </summary>
public sealed class KeysSetEnabledCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _key = new("KEYID") { Description = "The AccessKeyId." };
    private readonly bool _enabled;

    public KeysSetEnabledCommand(AdminContext context, bool enabled)
        : base(
            enabled ? "enable" : "disable",
            enabled ? "Enable an AccessKey again." : "Disable an AccessKey: calls signed with it get InvalidAccessKeyId.Inactive.",
            context)
    {
        _enabled = enabled;
        Arguments.Add(_account);
        Arguments.Add(_key);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        var key = invocation.Parse.GetRequiredValue(_key);
        await invocation.Client.SetKeyEnabledAsync(account, key, _enabled, cancellationToken);
        invocation.Output.Done($"{(_enabled ? "Enabled" : "Disabled")} AccessKey {key} of account {account}.");
        return ExitCodes.Ok;
    }
}
