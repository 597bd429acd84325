using System.CommandLine;
using System.Globalization;
using EdgeRegistry.Cli.Admin.Client;

namespace EdgeRegistry.Cli.Admin.Storage;

/// <summary><c>edgereg admin storage set ACCOUNT BYTES|unlimited</c>: <c>PUT /admin/accounts/{accountId}/storage</c>.</summary>
public sealed class StorageSetCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _limit = new("LIMIT") { Description = "Bytes (a whole number, or with K, M, G or T for KiB…TiB), or 'unlimited'." };

    public StorageSetCommand(AdminContext context)
        : base("set", "Set an account's limit on stored package bytes; uploads past it are refused (QuotaExceeded).", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_limit);
        _limit.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && !TryParseLimit(text, out _))
            {
                result.AddError($"LIMIT must be a number of bytes (e.g. 1073741824 or 1G) or 'unlimited', not '{text}'.");
            }
        });
    }

    /// <param name="limit">null for unlimited.</param>
    public static bool TryParseLimit(string text, out long? limit)
    {
        limit = null;
        if (text.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var shift = text.Length > 0 ? char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 } : 0;
        var digits = shift == 0 ? text : text[..^1];
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= long.MaxValue >> shift)
        {
            limit = n << shift;
            return true;
        }

        return false;
    }

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var account = invocation.Parse.GetRequiredValue(_account);
        TryParseLimit(invocation.Parse.GetRequiredValue(_limit), out var limit);
        var storage = await invocation.Client.SetStorageLimitAsync(account, limit, cancellationToken);
        invocation.Output.Item<AdminStorage>(storage,
            new("Stored bytes", s => s.StoredBytes.ToString(CultureInfo.InvariantCulture)),
            new("Limit", s => StorageShowCommand.Limit(s.LimitBytes)));
        return ExitCodes.Ok;
    }
}
