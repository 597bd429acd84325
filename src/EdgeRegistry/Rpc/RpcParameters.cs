using System.Text;
using EdgeRegistry.Rpc.Wire;
using Microsoft.AspNetCore.WebUtilities;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The parameters of one RPC request: the URL query and an <c>application/x-www-form-urlencoded</c> body merged,
/// all percent-decoded. V3 signs the query apart from the body, so the query is kept on its own too.
/// </summary>
public sealed class RpcParameters
{
    private readonly Dictionary<string, string> _all;

    private RpcParameters(Dictionary<string, string> all, List<KeyValuePair<string, string>> query, byte[] body, RpcException? problem)
    {
        _all = all;
        Query = query;
        Body = body;
        Problem = problem;
    }

    public IReadOnlyDictionary<string, string> All => _all;

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public byte[] Body { get; }

    /// <summary>
    /// Why the parameters are unusable (a body that could not be read, a name no Iot action uses or given twice,
    /// a character XML cannot carry), kept rather than thrown so that the error can still be answered in the
    /// Format the request asked for.
    /// </summary>
    public RpcException? Problem { get; }

    public string? this[string name] => _all.GetValueOrDefault(name);

    public static async Task<RpcParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Checked on the raw text before anything is decoded: refusing an oversized request costs one scan, not a parse.
        var rawQuery = request.QueryString.Value.AsSpan();
        if (rawQuery.Length > RequestLimits.MaxEncodedBytes)
        {
            return Refused(RpcErrors.UrlTooLong(RequestLimits.MaxEncodedBytes));
        }

        var counted = 0;
        if (!RequestLimits.CountParameters(rawQuery, ref counted))
        {
            return Refused(RpcErrors.TooManyParameters(RequestLimits.MaxParameters));
        }

        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new List<KeyValuePair<string, string>>();
        string? problem = null;

        foreach (var (name, values) in request.Query)
        {
            foreach (var value in values)
            {
                query.Add(new(name, value ?? ""));
                problem ??= Add(all, name, value ?? "");
            }
        }

        var isForm = IsForm(request.ContentType);
        var (body, unreadable) = await RequestBody.ReadAsync(request, isForm ? counted : null, cancellationToken);
        if (body.Length > 0 && isForm && unreadable is null)
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                foreach (var value in values)
                {
                    problem ??= Add(all, name, value ?? "");
                }
            }
        }

        return new RpcParameters(all, query, body, unreadable ?? (problem is null ? null : RpcErrors.InvalidParameter(problem)));
    }

    private static RpcParameters Refused(RpcException problem) => new([], [], [], problem);

    private static string? Add(Dictionary<string, string> all, string name, string value)
    {
        if (ParameterNames.Problem(name) is { } badName)
        {
            return badName;
        }

        if (!all.TryAdd(name, value))
        {
            return $"The parameter {name} is given more than once.";
        }

        // Values must survive the XML response unchanged, so characters XML 1.0 cannot carry are refused.
        return XmlText.FindInvalid(value) is var index and >= 0
            ? $"The parameter {name} has a character that is not allowed at position {index} (a control character or invalid Unicode)."
            : null;
    }

    private static bool IsForm(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
