using EdgeRegistry.Tests.Functional.Infrastructure;
using static EdgeRegistry.Tests.Functional.Infrastructure.Listings;

namespace EdgeRegistry.Tests.Functional;

/// <summary>The ±15 minute window and the nonce memory, moved by the server's fake clock.</summary>
public sealed class TimestampAndNonceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Theory]
    [InlineData(-14)]
    [InlineData(14)]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task A_timestamp_within_15_minutes_passes(int minutes)
    {
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = Now.AddMinutes(minutes) }));
        RpcAssert.Success(await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Timestamp = Now.AddMinutes(minutes) }));
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    [InlineData(-600)]
    public async Task A_timestamp_more_than_15_minutes_off_is_InvalidTimeStamp_Expired(int minutes)
    {
        var v1 = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = Now.AddMinutes(minutes) });
        var v3 = await _client.V3Async("QueryEdgeDriver", OneDriverPage, new V3Options { Timestamp = Now.AddMinutes(minutes) });

        Assert.StartsWith("Specified time stamp or date value is expired", RpcAssert.GatewayError(v1, 400, "InvalidTimeStamp.Expired"), StringComparison.Ordinal);
        RpcAssert.GatewayError(v3, 400, "InvalidTimeStamp.Expired");
    }

    [Fact]
    public async Task Exactly_15_minutes_passes_and_one_second_more_does_not()
    {
        // Timestamps carry whole seconds: put the server clock on a whole second so the distances are exact.
        var now = Now;
        fixture.Clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerSecond));
        now = Now;
        Assert.Equal(0, now.Millisecond);

        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = now.AddMinutes(-15) }));
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = now.AddMinutes(15) }));
        RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = now.AddMinutes(-15).AddSeconds(-1) }), 400, "InvalidTimeStamp.Expired");
        RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = now.AddMinutes(15).AddSeconds(1) }), 400, "InvalidTimeStamp.Expired");
    }

    [Fact]
    public async Task A_request_signed_now_expires_when_the_server_clock_moves_16_minutes()
    {
        var signedAt = Now;
        var nonce = RpcTestClient.NewNonce();

        fixture.Clock.Advance(TimeSpan.FromMinutes(14));
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = signedAt }));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var response = await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = signedAt, Nonce = nonce });

        RpcAssert.GatewayError(response, 400, "InvalidTimeStamp.Expired");
        // The request now signed at the server's time passes.
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage));
    }

    [Fact]
    public async Task An_expired_timestamp_is_refused_before_the_key_is_looked_up()
    {
        var stranger = fixture.Server.ClientFor("nosuchkey", "stranger-secret-0001");

        RpcAssert.GatewayError(await stranger.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Timestamp = Now.AddHours(-1) }), 400, "InvalidTimeStamp.Expired");
    }

    [Fact]
    public async Task A_replay_within_the_window_is_refused_even_after_minutes()
    {
        var options = new V1Options { Nonce = RpcTestClient.NewNonce(), Timestamp = Now };

        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, options));
        fixture.Clock.Advance(TimeSpan.FromMinutes(14));

        RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", OneDriverPage, options), 400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task Nonces_are_compared_exactly()
    {
        var nonce = "Nonce-" + RpcTestClient.NewNonce();

        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce }));
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce.ToUpperInvariant() }));
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce + " " }));
    }
}

/// <summary>
/// The nonce memory ends: once a request could no longer pass the timestamp window, its nonce is forgotten.
/// On a server of its own, because the store forgets in arrival order: a nonce that arrived behind one with a
/// later expiry (a timestamp in the future) is kept until that one goes, which the spec allows ("within 15 minutes").
/// </summary>
public sealed class NonceExpiryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly RpcTestClient _client = fixture.Client;

    [Fact]
    public async Task A_nonce_may_be_used_again_once_its_request_could_no_longer_pass_the_window()
    {
        var nonce = RpcTestClient.NewNonce();
        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce }));

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));

        RpcAssert.Success(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce }));
        RpcAssert.GatewayError(await _client.V1Async("QueryEdgeDriver", OneDriverPage, new V1Options { Nonce = nonce }), 400, "SignatureNonceUsed");
    }
}
