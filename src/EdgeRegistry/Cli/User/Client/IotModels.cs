using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeRegistry.Cli.User.Client;

// The Iot API's records (api.md section 5) under the API's own field names, so that `--output json` writes back
// what the server answered. Fields this client does not know are kept in Extra and written back too.

public sealed record IotDriver(
    string DriverId,
    string DriverName,
    string DriverProtocol,
    string Runtime,
    string? CpuArch,
    bool IsBuiltIn,
    int Type,
    long GmtCreateTimestamp,
    long GmtModifiedTimestamp,
    string? GmtCreate,
    string? GmtModified)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <param name="VersionState">"0" unpublished, "1" published: a string, as the typed SDK models declare it.</param>
/// <param name="SourceConfig">JSON, as a string; with a package it holds <c>ossAddress</c> and <c>temporaryOssAddress</c>.</param>
public sealed record IotDriverVersion(
    string DriverId,
    string DriverVersion,
    string VersionState,
    string EdgeVersion,
    string? Description,
    string? SourceConfig,
    string? DriverConfig,
    string? ContainerConfig,
    string? ConfigCheckRule,
    string? Argument,
    long GmtCreateTimestamp,
    long GmtModifiedTimestamp,
    string? GmtCreate,
    string? GmtModified)
{
    public const string Published = "1";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One page of a paged query: <c>Data</c> without its list, which differs by operation.</summary>
public sealed record IotPage<T>(int CurrentPage, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>CreateEdgeOssPreSignedAddress's answer: the object's permanent URL and a 5-minute link to PUT its bytes to.</summary>
public sealed record IotPresignedAddress(string OssAddress, string OssPreSignedAddress);

/// <summary>The parameters of Create/UpdateEdgeDriverVersion besides the driver and version; null means "not sent".</summary>
public sealed record IotVersionContent(
    string EdgeVersion,
    string? Description,
    string? SourceConfig,
    string? DriverConfig,
    string? ContainerConfig,
    string? ConfigCheckRule,
    string? Argument);
