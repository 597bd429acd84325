using System.Text;

namespace EdgeRegistry.Fuzz;

/// <summary>The admin API of docs/admin-api.md, with the right operator token nearly always and JSON bodies valid or not.</summary>
public static class AdminRequests
{
    private static readonly (string Method, string Path, string? Body)[] Routes =
    [
        ("GET", "/admin/accounts", null),
        ("POST", "/admin/accounts", "{\"name\":\"fz{r}\"}"),
        ("GET", "/admin/accounts/{a}", null),
        ("GET", "/admin/accounts/{a}/keys", null),
        ("GET", "/admin/accounts/{a}/keys?user=u{r}", null),
        ("POST", "/admin/accounts/{a}/keys", "{\"userName\":\"u{r}\"}"),
        ("PATCH", "/admin/accounts/{a}/keys/K{r}", "{\"enabled\":false}"),
        ("DELETE", "/admin/accounts/{a}/keys/K{r}", null),
        ("GET", "/admin/accounts/{a}/users", null),
        ("POST", "/admin/accounts/{a}/users", "{\"userName\":\"u{r}\"}"),
        ("DELETE", "/admin/accounts/{a}/users/u{r}", null),
        ("GET", "/admin/accounts/{a}/policies", null),
        ("PUT", "/admin/accounts/{a}/policies/p{r}", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Query*\"],\"Resource\":[\"*\"]}]}"),
        ("DELETE", "/admin/accounts/{a}/policies/p{r}", null),
        ("PUT", "/admin/accounts/{a}/users/u{r}/policies/p{r}", null),
        ("DELETE", "/admin/accounts/{a}/users/u{r}/policies/p{r}", null),
        ("GET", "/admin/accounts/{a}/instances", null),
        ("POST", "/admin/accounts/{a}/instances", "{\"instanceId\":\"iot-fz{r}\"}"),
        ("DELETE", "/admin/accounts/{a}/instances/iot-fz{r}", null),
        ("GET", "/admin/accounts/{a}/quotas", null),
        ("PUT", "/admin/accounts/{a}/quotas/QueryEdgeDriver", "{\"limitPerSecond\":1000}"),
        ("DELETE", "/admin/accounts/{a}/quotas/QueryEdgeDriver", null),
    ];

    private static readonly string[] BadBodies =
    [
        "", "null", "[]", "{", "{\"name\":1}", "{\"name\":\"\\ud800\"}", "{\"userName\":\"a\\nb\"}", "{\"limitPerSecond\":-1}",
        "{\"limitPerSecond\":1e400}", "{\"enabled\":\"yes\"}", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:*\\u0000\"],\"Resource\":[\"acs:iot:*:*:*\"]}]}",
        "{\"Version\":\"1\",\"Statement\":{}}", "{\"a\":" + new string('[', 5000) + "}", "\uFEFF{}",
    ];

    public static RawRequest Build(Random rng, FuzzTarget target)
    {
        var (method, template, body) = Routes[rng.Next(Routes.Length)];
        var account = target.AccountIds.Count > 0 && rng.Next(10) != 0 ? RpcGrammar.Pick(rng, target.AccountIds) : Uri.EscapeDataString(HostileValues.Pick(rng));
        var r = rng.Next(20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = template.Replace("{a}", account, StringComparison.Ordinal).Replace("{r}", r, StringComparison.Ordinal);
        if (rng.Next(6) == 0)
        {
            // A hostile name in the last path segment, escaped as a client library would escape it.
            path = path[..(path.LastIndexOf('/') + 1)] + Uri.EscapeDataString(HostileValues.Pick(rng));
        }

        var text = rng.Next(5) == 0 ? RpcGrammar.Pick(rng, BadBodies) : body?.Replace("{r}", r, StringComparison.Ordinal);
        // Wrong and missing tokens are rare (about five a run): ten in a clock minute lock the whole admin API for
        // this client address (by design), and every later admin request of the run would only test the 429.
        var token = rng.Next(1500) switch { 0 => "wrong-token-of-enough-length", 1 => null, _ => target.AdminToken };
        var headers = new List<KeyValuePair<string, string>> { new("Host", target.Host) };
        if (token is not null)
        {
            headers.Add(new("Authorization", "Bearer " + token));
        }

        if (text is not null)
        {
            headers.Add(new("Content-Type", rng.Next(10) == 0 ? "text/plain" : "application/json; charset=utf-8"));
        }

        return new RawRequest("admin", method, path, headers, text is null ? [] : Encoding.UTF8.GetBytes(text));
    }
}
