using EdgeRegistry.Coordination;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>
/// The test Redis that tests/engines/start.sh started (test.sh exports <c>EDGEREG_TEST_REDIS</c>). Each test gets
/// connections of its own, under a key prefix of its own, so tests share no keys or channels.
/// </summary>
public static class TestRedis
{
    public static string Configuration => Environment.GetEnvironmentVariable("EDGEREG_TEST_REDIS") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            "EDGEREG_TEST_REDIS is not set: run ./test.sh, which starts PostgreSQL and Redis (tests/engines/start.sh), " +
            "or start them yourself and export the lines start.sh prints.");

    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";

    /// <summary>A connection of its own (its own multiplexer, as another replica would have).</summary>
    public static RedisConnection Connect(string prefix, string? configuration = null) => new(configuration ?? Configuration, prefix);
}
