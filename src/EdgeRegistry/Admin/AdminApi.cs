using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeRegistry.Accounts;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Admin;

/// <summary>
/// The admin API (docs/admin-api.md): a route group under <c>/admin</c> that only the operator token opens, JSON in
/// camelCase, errors as <c>{"code","message"}</c>.
/// </summary>
public static partial class AdminApi
{
    public static void Map(WebApplication app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var guard = http.RequestServices.GetRequiredService<AdminTokenGuard>();
            var address = http.Connection.RemoteIpAddress;
            try
            {
                if (await guard.LockedForAsync(address, http.RequestAborted) is { } seconds)
                {
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Error(429, "TooManyAttempts", $"Too many wrong operator tokens from this address: try again in {seconds} s.");
                }

                if (http.RequestServices.GetRequiredService<AdminToken>().Accepts(http.Request.Headers.Authorization))
                {
                    return await next(context);
                }

                await guard.FailedAsync(address, http.Request.Path, http.RequestAborted);
                return Unauthorized(http);
            }
            catch (Exception e) when (StoreFailures.IsUnavailable(e))
            {
                // The operator's change may not have been made; a 500 would say the server is broken, not busy.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRegistry.Admin")
                    .LogWarning(e, "Admin {Method} {Path} found a backend unavailable", http.Request.Method, http.Request.Path);
                return Error(503, "ServiceUnavailable", "The database or Redis shared by the replicas did not answer in time: send the request again later.");
            }
        });
        AdminAccountEndpoints.Map(admin);
        AdminPolicyEndpoints.Map(admin);
        AdminImportEndpoints.Map(admin);
        AdminStorageEndpoints.Map(admin);
        admin.MapFallback("{**path}", () => Error(404, "NotFound", "No such admin route: see docs/admin-api.md."));
    }

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new { code, message }, statusCode: status);

    public static IResult Invalid(string message) => Error(400, "InvalidArgument", message);

    /// <summary>The answer for a refused change, or <paramref name="ok"/> when it went through.</summary>
    public static IResult Outcome(AdminOutcome outcome, Func<IResult> ok) => outcome switch
    {
        AdminOutcome.Ok => ok(),
        AdminOutcome.AccountNotFound => Error(404, "AccountNotFound", "No such account."),
        AdminOutcome.UserNotFound => Error(404, "UserNotFound", "No such RAM user in this account."),
        AdminOutcome.KeyNotFound => Error(404, "KeyNotFound", "No such AccessKey in this account."),
        AdminOutcome.PolicyNotFound => Error(404, "PolicyNotFound", "No such policy (or attachment) in this account."),
        AdminOutcome.InstanceNotFound => Error(404, "InstanceNotFound", "No such instance in this account."),
        AdminOutcome.UserExists => Error(409, "UserExists", "A RAM user of that name exists in this account."),
        AdminOutcome.PolicyExists => Error(409, "PolicyExists", "A policy of that name exists in this account."),
        AdminOutcome.PolicyAttached => Error(409, "PolicyAttached", "The policy is attached to a RAM user: detach it first."),
        AdminOutcome.InstanceExists => Error(409, "InstanceExists", "An instance with that id exists."),
        _ => Error(500, "InternalError", "Unexpected outcome."),
    };

    /// <summary>The JSON body as <typeparamref name="T"/>, or null when it is missing or malformed.</summary>
    public static async Task<T?> ReadBodyAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// An optional JSON body: <paramref name="empty"/> when the body is empty, null when it is malformed. The body is
    /// read whatever Content-Length says, since clients may send it chunked.
    /// </summary>
    public static async Task<T?> ReadOptionalBodyAsync<T>(HttpRequest request, T empty)
        where T : class
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsUserName(string? value) => value is { Length: >= 1 and <= 64 } && UserNamePattern().IsMatch(value);

    public static bool IsPolicyName(string? value) => value is { Length: >= 1 and <= 128 } && PolicyNamePattern().IsMatch(value);

    public static bool IsInstanceId(string? value) => value is not null && InstanceIdPattern().IsMatch(value);

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Error(401, "Unauthorized", "The admin API needs Authorization: Bearer <operator token>.");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+\\z")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^[A-Za-z0-9-]+\\z")]
    private static partial Regex PolicyNamePattern();

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^iot-[a-z0-9]{4,32}\\z")]
    private static partial Regex InstanceIdPattern();
}
