using EdgeRegistry.Admin;
using EdgeRegistry.Tests.Functional.Infrastructure;

namespace EdgeRegistry.Tests.Functional.Hardening;

/// <summary>
/// Guessing the operator token: 2,000 wrong tokens were answered in 1.3 s, unlogged. Now an address gets ten wrong
/// tries a minute, then 429 with Retry-After for every try until the minute ends (the right token too, so a guesser
/// cannot tell which try was right), and each failure is logged with the address.
/// </summary>
public sealed class AdminTokenGuessingTests(HardeningServerFixture fixture) : IClassFixture<HardeningServerFixture>
{
    [Fact]
    public async Task Ten_wrong_tokens_a_minute_then_every_try_waits_for_the_next_minute()
    {
        var admin = fixture.Server.Admin();
        for (var i = 0; i < AdminTokenGuard.MaxFailures; i++)
        {
            Assert.Equal(401, (await admin.SendAsync(HttpMethod.Get, "/admin/accounts", authorization: $"Bearer guess-{i}")).Status);
        }

        var locked = await admin.SendAsync(HttpMethod.Get, "/admin/accounts");
        Assert.Equal(429, locked.Status);
        var wait = int.Parse(locked.Header("retry-after")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        Assert.Contains("from 127.0.0.1", fixture.Log.Text, StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromSeconds(wait));
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, "/admin/accounts")).Status);
    }
}
