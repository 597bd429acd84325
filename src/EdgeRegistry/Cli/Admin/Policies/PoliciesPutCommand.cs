using System.CommandLine;

namespace EdgeRegistry.Cli.Admin.Policies;

/// <summary>
/// <c>edgereg admin policies put ACCOUNT NAME (--file FILE | --document JSON)</c>:
/// <c>PUT /admin/accounts/{accountId}/policies/{policyName}</c> with the document as the body.
/// </summary>
public sealed class PoliciesPutCommand : AdminLeafCommand
{
    private readonly Argument<string> _account = AdminArguments.Account();
    private readonly Argument<string> _name = new("NAME") { Description = "The policy's name: 1-128 of A-Z a-z 0-9 -" };
    private readonly Option<string> _file = new("--file") { Description = "Read the policy document from FILE; - reads standard input.", HelpName = "FILE" };
    private readonly Option<string> _document = new("--document") { Description = "The policy document itself.", HelpName = "JSON" };

    public PoliciesPutCommand(AdminContext context)
        : base("put", "Create or replace a policy. The server checks the document and names what is wrong with it.", context)
    {
        Arguments.Add(_account);
        Arguments.Add(_name);
        Options.Add(_file);
        Options.Add(_document);
    }

    protected override string? Validate(ParseResult parse) => (parse.GetValue(_file), parse.GetValue(_document)) switch
    {
        (null, null) => "give the policy document with --file FILE (- for standard input) or --document JSON.",
        (not null, not null) => "--file and --document cannot be used together.",
        _ => null,
    };

    protected override async Task<int> ExecuteAsync(AdminInvocation invocation, CancellationToken cancellationToken)
    {
        var document = invocation.Parse.GetValue(_document) ?? await ReadAsync(invocation.Parse.GetRequiredValue(_file), invocation.Environment, cancellationToken);
        var policy = await invocation.Client.PutPolicyAsync(
            invocation.Parse.GetRequiredValue(_account), invocation.Parse.GetRequiredValue(_name), document, cancellationToken);
        invocation.Output.Item(policy, PolicyFields.All);
        return ExitCodes.Ok;
    }

    private static async Task<string> ReadAsync(string file, AdminEnvironment environment, CancellationToken cancellationToken)
    {
        if (file == "-")
        {
            return await environment.In.ReadToEndAsync(cancellationToken);
        }

        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AdminCliException.Usage($"cannot read the policy document: {e.Message}");
        }
    }
}
