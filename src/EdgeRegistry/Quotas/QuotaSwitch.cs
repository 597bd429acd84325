namespace EdgeRegistry.Quotas;

/// <summary>The server-wide switch: <c>EDGEREG_QUOTAS=off</c> or <c>serve --quotas off</c>; on when unset.</summary>
public static class QuotaSwitch
{
    /// <summary>The key under the <c>EdgeRegistry</c> configuration section.</summary>
    public const string ConfigurationKey = "Quotas";

    public const string EnvironmentVariable = "EDGEREG_QUOTAS";

    /// <summary>True when quotas are enforced; fails with a message naming the setting when the value is neither.</summary>
    public static bool IsEnabled(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "on" or "true" or "1" or "yes" => true,
        "off" or "false" or "0" or "no" => false,
        _ => throw new InvalidOperationException($"{ConfigurationKey} \"{value}\" is neither on nor off."),
    };
}
