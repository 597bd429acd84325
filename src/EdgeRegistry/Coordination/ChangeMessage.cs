using System.Buffers;
using System.Text.Json;
using EdgeRegistry.Changes;

namespace EdgeRegistry.Coordination;

/// <summary>
/// A <see cref="RegistryChange"/> on the wire between replicas: <c>{"replica":"…","type":"AccessKeyChanged","id":"…"}</c>.
/// Written by hand, not by reflection, so that the format is visible here and a renamed record cannot change it.
/// </summary>
public static class ChangeMessage
{
    public static byte[] Write(string replicaId, RegistryChange change)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("replica", replicaId);
            var (type, id) = change switch
            {
                AccessKeyChanged key => ("AccessKeyChanged", key.AccessKeyId),
                UserPoliciesChanged policies => ("UserPoliciesChanged", policies.AccountId),
                QuotaOverridesChanged quotas => ("QuotaOverridesChanged", quotas.AccountId),
                CachesMayBeStale => ("CachesMayBeStale", null),
                _ => throw new ArgumentException($"No wire form for {change.GetType().Name}.", nameof(change)),
            };
            json.WriteString("type", type);
            if (id is not null)
            {
                json.WriteString("id", id);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The sender and the change. A type this replica does not know (sent by a newer one during an upgrade) reads as
    /// <see cref="CachesMayBeStale"/>: dropping every cache is always safe. Null when the message is not one of ours.
    /// </summary>
    public static (string Replica, RegistryChange Change)? Read(ReadOnlyMemory<byte> message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("replica", out var replica) || replica.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            RegistryChange change = (type.GetString(), id) switch
            {
                ("AccessKeyChanged", { } key) => new AccessKeyChanged(key),
                ("UserPoliciesChanged", { } account) => new UserPoliciesChanged(account),
                ("QuotaOverridesChanged", { } account) => new QuotaOverridesChanged(account),
                _ => new CachesMayBeStale(),
            };
            return (replica.GetString()!, change);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
