using System.Text;
using System.Text.RegularExpressions;
using EdgeRegistry.Rpc;

namespace EdgeRegistry.Drivers;

/// <summary>The value rules of api.md section 5 for driver and version fields; each failure names the parameter.</summary>
public static partial class DriverRules
{
    public const int MaxPageSize = 30;

    private static readonly string[] Protocols = ["modbus", "opc-ua", "customize"];
    private static readonly string[] Runtimes = ["nodejs8", "python3", "c", "java8"];
    private static readonly string[] CpuArchitectures = ["ARMv7", "ARMv7-HF", "AArch64", "x86-64", "x86"];

    public static string DriverName(string value)
    {
        Limit("DriverName", value.Length, 20);
        return DriverNamePattern().IsMatch(value)
            ? value
            : throw RpcErrors.InvalidParam("DriverName must start with a letter and hold only letters, digits and underscores (1 to 20 characters).");
    }

    public static string Protocol(string value) => OneOf("DriverProtocol", value, Protocols);

    public static string Runtime(string value) => OneOf("Runtime", value, Runtimes);

    public static string CpuArch(string? value) => value is null ? "" : OneOf("CpuArch", value, CpuArchitectures);

    /// <param name="name">The parameter that carries the version (CreateEdgeOssPreSignedAddress calls it ResourceVersion).</param>
    public static string DriverVersion(string value, string name = "DriverVersion")
    {
        Limit(name, value.Length, 64);
        return VersionPattern().IsMatch(value)
            ? value
            : throw RpcErrors.InvalidParam($"{name} may hold only letters, digits, '_', '.' and '-' (1 to 64 characters, not only dots).");
    }

    public static string EdgeVersion(string value)
    {
        Limit("EdgeVersion", value.Length, 64);
        return EdgeVersionPattern().IsMatch(value)
            ? value
            : throw RpcErrors.InvalidParam("EdgeVersion must be dotted numbers such as 2.4.0.");
    }

    public static string Description(string? value)
    {
        Limit("Description", Encoding.UTF8.GetByteCount(value ?? ""), 256);
        return value ?? "";
    }

    public static string Argument(string? value)
    {
        Limit("Argument", value?.Length ?? 0, 1024);
        return value ?? "";
    }

    /// <summary>A file name such as <c>driver.zip</c>: a name and an extension, no folder, at most 128 characters.</summary>
    public static string FileName(string value)
    {
        Limit("FileName", value.Length, 128);
        var dot = value.LastIndexOf('.');
        return value.IndexOfAny(['/', '\\']) < 0 && dot > 0 && dot < value.Length - 1 && !value.Any(char.IsControl)
            ? value
            : throw RpcErrors.InvalidParam("FileName must be a plain file name such as driver.zip: a name and an extension, without a path.");
    }

    /// <summary>CurrentPage and PageSize as an offset and a limit.</summary>
    public static (int Offset, int Limit) Page(int currentPage, int pageSize) =>
        currentPage < 1 || pageSize is < 1 or > MaxPageSize
            ? throw RpcErrors.InvalidPageParams()
            : ((int)Math.Min((long)(currentPage - 1) * pageSize, int.MaxValue), pageSize);

    public static void Limit(string name, int size, int limit)
    {
        if (size > limit)
        {
            throw RpcErrors.ParameterSizeLimit(name, size, limit);
        }
    }

    /// <summary>Any letter case is accepted; the canonical spelling is stored and returned.</summary>
    private static string OneOf(string name, string value, string[] allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
        ?? throw RpcErrors.InvalidParam($"{name} must be one of {string.Join(", ", allowed)}; got \"{value}\".");

    // \z, not $: $ also matches before a final newline, which let "nl1" and "nl1\n" become two drivers.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,19}\\z")]
    private static partial Regex DriverNamePattern();

    // Not only dots: "." and ".." are path segments, so a version so named could never get a package.
    [GeneratedRegex("^(?!\\.+\\z)[A-Za-z0-9_.-]{1,64}\\z")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+){0,3}\\z")]
    private static partial Regex EdgeVersionPattern();
}
