using System.CommandLine;
using System.Globalization;

namespace EdgeRegistry.Cli.Admin.Storage;

/// <summary><c>edgereg admin storage show ACCOUNT</c>: <c>GET /admin/accounts/{accountId}/storage</c>.</summary>
public sealed class StorageShowCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();

    public StorageShowCommand(AdminContext context)
        : base("show", "Show the package bytes an account stores and its limit.", context)
    {
        Arguments.Add(_account);
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var storage = await invocation.Client.GetStorageAsync(invocation.Parse.GetRequiredValue(_account), cancellationToken);
        invocation.Output.Item(storage,
            new("Stored bytes", s => s.StoredBytes.ToString(CultureInfo.InvariantCulture)),
            new("Limit", s => Limit(s.LimitBytes)));
        return ExitCodes.Ok;
    }

    public static string Limit(long? bytes) => bytes is { } n ? n.ToString(CultureInfo.InvariantCulture) + " bytes" : "unlimited";
}
