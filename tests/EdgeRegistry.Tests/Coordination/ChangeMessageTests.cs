using System.Text;
using EdgeRegistry.Changes;
using EdgeRegistry.Coordination;

namespace EdgeRegistry.Tests.Coordination;

/// <summary>The JSON that carries a change between replicas.</summary>
public sealed class ChangeMessageTests
{
    public static TheoryData<RegistryChange, string> Changes => new()
    {
        { new AccessKeyChanged("LTAIkey"), """{"replica":"r1","type":"AccessKeyChanged","id":"LTAIkey"}""" },
        { new UserPoliciesChanged("1000000000000001"), """{"replica":"r1","type":"UserPoliciesChanged","id":"1000000000000001"}""" },
        { new QuotaOverridesChanged("1000000000000001"), """{"replica":"r1","type":"QuotaOverridesChanged","id":"1000000000000001"}""" },
        { new CachesMayBeStale(), """{"replica":"r1","type":"CachesMayBeStale"}""" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_change_is_small_JSON_with_its_type_and_reads_back_the_same(RegistryChange change, string json)
    {
        var written = ChangeMessage.Write("r1", change);

        Assert.Equal(json, Encoding.UTF8.GetString(written));
        Assert.Equal(("r1", change), ChangeMessage.Read(written));
    }

    [Fact]
    public void A_type_from_a_newer_replica_reads_as_caches_may_be_stale()
    {
        var read = ChangeMessage.Read(Encoding.UTF8.GetBytes("""{"replica":"r2","type":"DriverRenamed","id":"x"}"""));

        Assert.Equal(("r2", (RegistryChange)new CachesMayBeStale()), read);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"AccessKeyChanged","id":"x"}""")]
    [InlineData("""{"replica":"r2","id":"x"}""")]
    public void Something_else_on_the_channel_is_not_a_change(string message) =>
        Assert.Null(ChangeMessage.Read(Encoding.UTF8.GetBytes(message)));
}
