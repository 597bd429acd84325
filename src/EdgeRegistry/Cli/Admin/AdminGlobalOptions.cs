using System.CommandLine;

namespace EdgeRegistry.Cli.Admin;

/// <summary>Where the server is, how to prove to it that we are its operator, and how to print.</summary>
public sealed record AdminConnection(Uri Server, string Token, bool Json);

/// <summary>The options every <c>edgereg admin</c> command takes, before or after its own.</summary>
public sealed class AdminGlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";
    public const string TokenFileName = "admin-token";

    private const string NoToken =
        "no operator token: pass --token, set EDGEREG_ADMIN_TOKEN, or point --data-dir at the server's data folder";

    public Option<string> Server { get; } = new("--server")
    {
        Description = $"The EdgeRegistry server (default {DefaultServer}; env EDGEREG_SERVER).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "The operator token (env EDGEREG_ADMIN_TOKEN; else read from DIR/admin-token).",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public Option<string> DataDir { get; } = new("--data-dir")
    {
        Description = "The server's data folder, where it saved admin-token (default ./data; env EDGEREG_DATA_DIR).",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string> Output { get; } = new Option<string>("--output")
    {
        Description = "table for people, json for scripts: the API's JSON and nothing else on stdout.",
        DefaultValueFactory = _ => "table",
        Recursive = true,
    }.AcceptOnlyFromAmong("table", "json");

    public IEnumerable<Option> All => [Server, Token, DataDir, Output];

    public AdminConnection Resolve(ParseResult parse, AdminEnvironment environment)
    {
        var server = parse.GetValue(Server) ?? NonEmpty(environment.GetVariable("EDGEREG_SERVER")) ?? DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw AdminCliException.Usage($"--server must be an http:// or https:// URL, not '{server}'.");
        }

        // Request paths are relative, so a trailing slash keeps a path prefix (a server behind a proxy) in place.
        uri = new Uri(uri.AbsoluteUri.TrimEnd('/') + "/");
        return new AdminConnection(uri, ResolveToken(parse, environment), parse.GetValue(Output) == "json");
    }

    private string ResolveToken(ParseResult parse, AdminEnvironment environment)
    {
        if ((NonEmpty(parse.GetValue(Token)) ?? NonEmpty(environment.GetVariable("EDGEREG_ADMIN_TOKEN"))) is { } token)
        {
            return token;
        }

        var dataDir = parse.GetValue(DataDir) ?? NonEmpty(environment.GetVariable("EDGEREG_DATA_DIR")) ?? "./data";
        var path = Path.Combine(dataDir, TokenFileName);
        string? saved;
        try
        {
            saved = NonEmpty(File.ReadAllText(path).Trim());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AdminCliException(ExitCodes.Unauthorized, $"{NoToken}; there is no {path}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdminCliException(ExitCodes.Unauthorized, $"{NoToken}; cannot read {path}: {e.Message}");
        }

        return saved ?? throw new AdminCliException(ExitCodes.Unauthorized, $"{NoToken}; {path} is empty.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
