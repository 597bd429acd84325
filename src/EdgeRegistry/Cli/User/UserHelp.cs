namespace EdgeRegistry.Cli.User;

/// <summary>The help every Iot API command group ends with: where credentials come from, and the exit codes.</summary>
internal static class UserHelp
{
    public static string With(string description) => description + """


        Credentials and endpoint, first found wins: the options; ALIBABA_CLOUD_ACCESS_KEY_ID and
        ALIBABA_CLOUD_ACCESS_KEY_SECRET, EDGEREG_ENDPOINT, EDGEREG_INSTANCE; the profile (--profile, EDGEREG_PROFILE,
        else 'default') saved by 'edgereg configure'; the aliyun CLI's AK profile (~/.aliyun/config.json).

        Exit codes:
          0  done
          1  failed (an error this list does not name, or still throttled after retrying)
          2  wrong usage, or the server refused a value (InvalidParameter, iot.common.InvalidParam, ...)
          3  not found: no such driver, version, package or instance
          4  conflict: the name or version exists, or the version is published
          5  no AccessKey, or the server refused it (unknown or disabled key, signature, RAM policy)
          6  cannot reach the server
        """;
}
