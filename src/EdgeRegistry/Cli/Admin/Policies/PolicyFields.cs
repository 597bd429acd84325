using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.Admin.Output;

namespace EdgeRegistry.Cli.Admin.Policies;

internal static class PolicyFields
{
    public static readonly AdminField<AdminPolicy>[] All =
    [
        new("Policy", p => p.PolicyName),
        new("Created", p => AdminFormat.Time(p.CreatedMs)),
        new("Document", p => AdminFormat.CompactJson(p.Document)),
    ];
}
