namespace EdgeRegistry.Fuzz;

/// <summary>
/// The object endpoint (/oss/): downloads through real download links with every kind of Range and condition,
/// uploads to real presigned links with right, wrong and malformed Content-MD5 and odd types, and links tampered.
/// </summary>
public static class ObjectRequests
{
    private static readonly string[] Ranges =
    [
        "bytes=0-0", "bytes=-1", "bytes=5-", "bytes=0-1,3-4", "bytes=99999999-", "bytes=1-0", "bytes=x", "bytes=-0",
        "bytes=0-18446744073709551616", "bytes=--1", "items=0-1", "bytes=0-1,0-1,0-1,0-1,0-1,0-1", "bytes= 0 - 1 ", "",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/zip", "application/octet-stream", "text/html", "\u007f", "image/svg+xml", "a/b; charset=\u00ff", "x", "",
    ];

    public static RawRequest Build(Random rng, FuzzTarget target)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", target.Host) };
        switch (rng.Next(10))
        {
            case < 4:
                var method = rng.Next(3) == 0 ? "HEAD" : "GET";
                if (rng.Next(2) == 0)
                {
                    headers.Add(new("Range", RpcGrammar.Pick(rng, Ranges)));
                }

                if (rng.Next(5) == 0)
                {
                    headers.Add(new(RpcGrammar.Pick(rng, ["If-None-Match", "If-Match", "If-Modified-Since", "If-Range"]),
                        RpcGrammar.Pick(rng, ["*", "\"x\"", "Thu, 01 Jan 1970 00:00:00 GMT", "garbage", "W/\"\""])));
                }

                return new RawRequest("object-get", method, Tamper(rng, Link(rng, target.DownloadLinks, target)), headers, []);
            case < 8:
                var body = RequestGenerator.Bytes(rng, rng.Next(10) == 0 ? rng.Next(100_000, 600_000) : rng.Next(0, 4096));
                switch (rng.Next(4))
                {
                    case 0: headers.Add(new("Content-MD5", RequestGenerator.Md5(body))); break;
                    case 1: headers.Add(new("Content-MD5", RequestGenerator.Md5([1, 2, 3]))); break;
                    case 2: headers.Add(new("Content-MD5", RpcGrammar.Pick(rng, ["", "not base64", "AAAA", "====", HostileValues.Pick(rng)]))); break;
                }

                if (rng.Next(2) == 0)
                {
                    headers.Add(new("Content-Type", RpcGrammar.Pick(rng, ContentTypes)));
                }

                return new RawRequest("object-put", "PUT", Tamper(rng, Link(rng, target.UploadLinks, target)), headers, body);
            default:
                var path = rng.Next(2) == 0 ? Link(rng, target.ObjectPaths, target) : "/oss/" + HostileValues.Junk(rng, 8);
                return new RawRequest("object-other", RpcGrammar.Pick(rng, ["GET", "PUT", "DELETE", "POST", "HEAD"]), path, headers, []);
        }
    }

    private static string Link(Random rng, List<string> links, FuzzTarget target) =>
        links.Count > 0 ? links[rng.Next(links.Count)] : "/oss/" + target.AccessKeyId + "/x";

    /// <summary>Mostly the link as issued; else a changed, removed or repeated query parameter or path byte.</summary>
    private static string Tamper(Random rng, string link)
    {
        var q = link.IndexOf('?', StringComparison.Ordinal);
        return rng.Next(8) switch
        {
            0 when q > 0 => link[..q],
            1 when q > 0 => link + "&" + link[(q + 1)..],
            2 when q > 0 => link.Replace("Expires=", "Expires=1", StringComparison.Ordinal),
            3 => link.Length > 6 ? link[..^1] + (char)('a' + rng.Next(26)) : link,
            4 when q > 0 => link[..q] + "/../x" + link[q..],
            _ => link,
        };
    }
}
