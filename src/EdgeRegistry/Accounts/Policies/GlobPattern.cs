namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// A RAM wildcard pattern (<c>*</c> = any run of characters, <c>?</c> = exactly one), compiled once when a
/// policy is parsed. Matching runs on every RAM user's request, so it is a character loop with no Regex and no
/// allocation, and the common shapes (<c>*</c>, a literal, <c>iot:Query*</c>) take a shortcut.
/// Case is ignored because RAM action names are case-insensitive.
/// </summary>
internal sealed class GlobPattern
{
    private enum Shape { MatchAll, Literal, Prefix, General }

    private readonly string _pattern;
    private readonly Shape _shape;

    public GlobPattern(string pattern)
    {
        var firstWildcard = pattern.AsSpan().IndexOfAny('*', '?');
        if (pattern.Length > 0 && pattern.AsSpan().IndexOfAnyExcept('*') < 0)
        {
            _shape = Shape.MatchAll;
            _pattern = "*";
        }
        else if (firstWildcard < 0)
        {
            _shape = Shape.Literal;
            _pattern = pattern;
        }
        else if (firstWildcard == pattern.Length - 1 && pattern[^1] == '*')
        {
            _shape = Shape.Prefix;
            _pattern = pattern[..^1];
        }
        else
        {
            _shape = Shape.General;
            _pattern = pattern.ToUpperInvariant();
        }
    }

    /// <summary>True when the pattern is made of <c>*</c> only and so matches every input.</summary>
    public bool MatchesEverything => _shape == Shape.MatchAll;

    public bool Matches(ReadOnlySpan<char> input) => _shape switch
    {
        Shape.MatchAll => true,
        Shape.Literal => input.Equals(_pattern, StringComparison.OrdinalIgnoreCase),
        Shape.Prefix => input.StartsWith(_pattern, StringComparison.OrdinalIgnoreCase),
        _ => MatchesGeneral(_pattern, input),
    };

    // Greedy matching that backtracks only to the last '*': linear for typical patterns, O(n·m) at worst,
    // and n and m are bounded by the 6,144-character document limit.
    private static bool MatchesGeneral(ReadOnlySpan<char> pattern, ReadOnlySpan<char> input)
    {
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < input.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == char.ToUpperInvariant(input[s])))
            {
                p++;
                s++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
