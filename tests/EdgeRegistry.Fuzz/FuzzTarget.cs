using System.Net;

namespace EdgeRegistry.Fuzz;

/// <summary>The server under test, its credentials, and the things the set-up created for requests to name.</summary>
public sealed class FuzzTarget(IPEndPoint endpoint, string accessKeyId, string accessKeySecret, string adminToken)
{
    public IPEndPoint Endpoint => endpoint;

    /// <summary>The Host header value, which V3 signs and presigned links are checked against.</summary>
    public string Host => $"127.0.0.1:{endpoint.Port}";

    public string AccessKeyId => accessKeyId;

    public string AccessKeySecret => accessKeySecret;

    public string AdminToken => adminToken;

    public List<string> DriverIds { get; } = [];

    public List<(string DriverId, string Version)> Versions { get; } = [];

    /// <summary>Path and query of links that download a stored package (temporaryOssAddress).</summary>
    public List<string> DownloadLinks { get; } = [];

    /// <summary>Path and query of presigned PUT links, some already used.</summary>
    public List<string> UploadLinks { get; } = [];

    /// <summary>Object paths without a signature (the permanent ossAddress).</summary>
    public List<string> ObjectPaths { get; } = [];

    public List<string> AccountIds { get; } = [];

    /// <summary>Path and query of a URL as sent on the request line.</summary>
    public static string PathAndQuery(string url) => new Uri(url).PathAndQuery;
}
