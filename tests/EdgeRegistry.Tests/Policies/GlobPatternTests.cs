using EdgeRegistry.Accounts.Policies;

namespace EdgeRegistry.Tests.Policies;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("***", "anything", true)]
    [InlineData("abc", "ABC", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("ab*", "ab", true)]
    [InlineData("ab*", "a", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*b*b", "abbab", true)]
    [InlineData("*b*b", "abba", false)]
    [InlineData("a*?", "a", false)]
    [InlineData("a*?", "ab", true)]
    [InlineData("*x*y*z", "xyxyxzy", false)]
    [InlineData("*x*y*z", "axbyczz", true)]
    public void Star_matches_any_run_and_question_mark_exactly_one_character(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).Matches(input));
    }
}
