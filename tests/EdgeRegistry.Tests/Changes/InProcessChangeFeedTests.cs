using EdgeRegistry.Changes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRegistry.Tests.Changes;

public sealed class InProcessChangeFeedTests
{
    private readonly InProcessChangeFeed _feed = new(NullLogger<InProcessChangeFeed>.Instance);

    [Fact]
    public async Task Every_subscriber_has_run_when_publishing_returns()
    {
        var seen = new List<string>();
        _feed.Subscribe(async (change, _) => { await Task.Yield(); seen.Add("first " + change); });
        _feed.Subscribe((change, _) => { seen.Add("second " + change); return ValueTask.CompletedTask; });

        await _feed.PublishAsync(new AccessKeyChanged("LTAIx"), CancellationToken.None);

        Assert.Equal(["first AccessKeyChanged { AccessKeyId = LTAIx }", "second AccessKeyChanged { AccessKeyId = LTAIx }"], seen);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_keep_the_others_stale()
    {
        var reached = false;
        _feed.Subscribe((_, _) => throw new InvalidOperationException("broken cache"));
        _feed.Subscribe((_, _) => { reached = true; return ValueTask.CompletedTask; });

        await _feed.PublishAsync(new UserPoliciesChanged("1000000000000001"), CancellationToken.None);

        Assert.True(reached);
    }
}
