namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>
/// A value that Create/UpdateEdgeDriverVersion must refuse: CreateEdgeDriverVersion of a new version and
/// UpdateEdgeDriverVersion of the version <see cref="Existing"/> both refuse it with the same message, and neither
/// changes anything (the driver's versions and <see cref="Existing"/> read back exactly as before).
/// </summary>
public static class VersionRefusals
{
    /// <summary>The version an update is tried on; made (Description "kept") when the driver does not have it yet.</summary>
    public const string Existing = "existing";

    /// <summary>Sends <paramref name="name"/>=<paramref name="value"/> (over EdgeVersion 2.4.0) both ways; returns the message.</summary>
    /// <param name="refusal">Asserts how one answer refuses and returns its message (e.g. <see cref="RpcAssert.InvalidParam"/>).</param>
    public static async Task<string> RefusedByBothAsync(this RpcTestClient client, string driverId, string name, string value,
        Func<RpcResponse, string> refusal)
    {
        if (!(await client.AllVersionsAsync(driverId)).Contains(Existing))
        {
            await client.CreateVersionAsync(driverId, Existing, ("Description", "kept"));
        }

        var versionsBefore = await client.AllVersionsAsync(driverId);
        var existingBefore = (await client.FindVersionAsync(driverId, Existing)).GetRawText();

        var created = await SendAsync(client, "CreateEdgeDriverVersion", driverId, "refused" + Guid.NewGuid().ToString("N")[..8], name, value);
        var updated = await SendAsync(client, "UpdateEdgeDriverVersion", driverId, Existing, name, value);

        var message = refusal(created);
        Assert.Equal(message, refusal(updated));
        Assert.Equal(versionsBefore, await client.AllVersionsAsync(driverId));
        Assert.Equal(existingBefore, (await client.FindVersionAsync(driverId, Existing)).GetRawText());
        return message;
    }

    private static Task<RpcResponse> SendAsync(RpcTestClient client, string action, string driverId, string version, string name, string value)
    {
        var parameters = new Dictionary<string, string> { ["DriverId"] = driverId, ["DriverVersion"] = version, ["EdgeVersion"] = "2.4.0" };
        parameters[name] = value;
        return client.V1Async(action, parameters);
    }
}
