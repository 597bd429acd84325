using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Users;

internal static class UserFields
{
    public static readonly AdminField<AdminRamUser>[] All =
    [
        new("User", u => u.UserName),
        new("Policies", u => string.Join(", ", u.Policies)),
        new("Created", u => AdminFormat.Time(u.CreatedMs)),
    ];
}
