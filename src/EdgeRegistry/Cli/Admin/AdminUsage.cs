using System.CommandLine;
using System.CommandLine.Parsing;

namespace EdgeRegistry.Cli.Admin;

/// <summary>Reports wrong usage: what was wrong, one line each, and where to read how it is used.</summary>
internal static class AdminUsage
{
    /// <summary>Errors the parser kept, and tokens no symbol took (cleared from the errors by the action).</summary>
    public static IEnumerable<string> Problems(ParseResult parse) =>
        parse.Errors.Select(e => OneLine(e.Message))
            .Concat(parse.UnmatchedTokens.Select(t => $"Unrecognized command or argument '{t}'."));

    // Some parser messages list choices on lines of their own; errors here are one line each.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static int Report(ParseResult parse, TextWriter error, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            error.WriteLine($"edgereg: {problem}");
        }

        error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return ExitCodes.BadUsage;
    }

    public static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var result = command; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Parent is null ? "edgereg" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
