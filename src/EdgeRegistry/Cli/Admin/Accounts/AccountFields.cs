using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Accounts;

internal static class AccountFields
{
    public static readonly AdminField<AdminAccount>[] All =
    [
        new("Account", a => a.AccountId),
        new("Name", a => a.Name),
        new("Default", a => AdminFormat.YesNo(a.IsDefault)),
        new("Created", a => AdminFormat.Time(a.CreatedMs)),
    ];
}
