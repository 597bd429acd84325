using System.Text.Json.Nodes;

namespace EdgeRegistry.Tests.Cli;

/// <summary>
/// Every <c>edgereg admin</c> command against a stub of the admin API: the exact request it sends (method, raw
/// path, Bearer token, body) and what it prints for the canned answers of docs/admin-api.md, as a table and as JSON.
/// </summary>
public sealed class AdminCommandRequestTests : IAsyncLifetime
{
    private const string Account = "1234567890123456";
    private const long Ms = 1741064767089;
    private const string Shown = "2025-03-04 05:06:07Z";
    private const string Policy = """{"Version":"1","Statement":[{"Effect":"Allow","Action":["iot:Query*"],"Resource":["*"]}]}""";

    private AdminStubServer _server = null!;

    public sealed record Case(string[] Args, string Method, string Target, string Body, StubResponse Answer, string[] Shows, string Stdin = "");

    private static StubResponse Ok(int status, string json) => new(status, json);

    private static readonly StubResponse NoContent = new(204);

    private static readonly string PolicyAnswer =
        $$"""{"policyName":"readers","document":{{JsonValue.Create(Policy).ToJsonString()}},"createdMs":{{Ms}}}""";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["accounts list"] = new(["accounts", "list"], "GET", "/admin/accounts", "",
            Ok(200, $$"""[{"accountId":"{{Account}}","name":"default","isDefault":true,"createdMs":{{Ms}}},{"accountId":"2222222222222222","name":"acme","isDefault":false,"createdMs":{{Ms}}}]"""),
            [Account, "default", "yes", "2222222222222222", "acme", "no", Shown]),
        ["accounts create"] = new(["accounts", "create", "acme"], "POST", "/admin/accounts", """{"name":"acme"}""",
            Ok(201, $$"""{"accountId":"{{Account}}","name":"acme","isDefault":false,"createdMs":{{Ms}},"accessKeyId":"LTAIabcdefghijklmnopqrst","accessKeySecret":"s3cr3tS3cr3tS3cr3tS3cr3tS3cr3t"}"""),
            [Account, "acme", "LTAIabcdefghijklmnopqrst", "s3cr3tS3cr3tS3cr3tS3cr3tS3cr3t", "it will not be shown again"]),
        ["accounts show"] = new(["accounts", "show", Account], "GET", $"/admin/accounts/{Account}", "",
            Ok(200, $$"""{"accountId":"{{Account}}","name":"default","isDefault":true,"createdMs":{{Ms}}}"""),
            [Account, "default", "yes", Shown]),
        ["keys list"] = new(["keys", "list", Account], "GET", $"/admin/accounts/{Account}/keys", "",
            Ok(200, $$"""[{"accessKeyId":"LTAIroot","userName":null,"enabled":true,"createdMs":{{Ms}}},{"accessKeyId":"LTAIalice","userName":"alice","enabled":false,"createdMs":{{Ms}}}]"""),
            ["LTAIroot", "(root)", "yes", "LTAIalice", "alice", "no"]),
        ["keys list --user"] = new(["keys", "list", Account, "--user", "alice"], "GET", $"/admin/accounts/{Account}/keys?user=alice", "",
            Ok(200, $$"""[{"accessKeyId":"LTAIalice","userName":"alice","enabled":true,"createdMs":{{Ms}}}]"""), ["LTAIalice", "alice"]),
        ["keys list --root"] = new(["keys", "list", Account, "--root"], "GET", $"/admin/accounts/{Account}/keys?user=", "",
            Ok(200, "[]"), ["No keys."]),
        ["keys create"] = new(["keys", "create", Account], "POST", $"/admin/accounts/{Account}/keys", "{}",
            Ok(201, $$"""{"accessKeyId":"LTAInew","accessKeySecret":"theSecretOfTheNewKey","userName":null,"enabled":true,"createdMs":{{Ms}}}"""),
            ["LTAInew", "theSecretOfTheNewKey", "(root)", "it will not be shown again"]),
        ["keys create --user"] = new(["keys", "create", Account, "--user", "alice"], "POST", $"/admin/accounts/{Account}/keys", """{"userName":"alice"}""",
            Ok(201, $$"""{"accessKeyId":"LTAInew","accessKeySecret":"theSecretOfTheNewKey","userName":"alice","enabled":true,"createdMs":{{Ms}}}"""),
            ["LTAInew", "theSecretOfTheNewKey", "alice", "it will not be shown again"]),
        ["keys disable"] = new(["keys", "disable", Account, "LTAIkey"], "PATCH", $"/admin/accounts/{Account}/keys/LTAIkey", """{"enabled":false}""",
            NoContent, ["Disabled AccessKey LTAIkey"]),
        ["keys enable"] = new(["keys", "enable", Account, "LTAIkey"], "PATCH", $"/admin/accounts/{Account}/keys/LTAIkey", """{"enabled":true}""",
            NoContent, ["Enabled AccessKey LTAIkey"]),
        ["keys delete"] = new(["keys", "delete", Account, "LTAIkey"], "DELETE", $"/admin/accounts/{Account}/keys/LTAIkey", "",
            NoContent, ["Deleted AccessKey LTAIkey"]),
        ["users list"] = new(["users", "list", Account], "GET", $"/admin/accounts/{Account}/users", "",
            Ok(200, $$"""[{"userName":"alice","createdMs":{{Ms}},"policies":["readers","writers"]},{"userName":"bob.b_1","createdMs":{{Ms}},"policies":[]}]"""),
            ["alice", "readers, writers", "bob.b_1"]),
        ["users create"] = new(["users", "create", Account, "alice"], "POST", $"/admin/accounts/{Account}/users", """{"userName":"alice"}""",
            Ok(201, $$"""{"userName":"alice","createdMs":{{Ms}},"policies":[]}"""), ["alice", Shown]),
        ["users delete"] = new(["users", "delete", Account, "alice"], "DELETE", $"/admin/accounts/{Account}/users/alice", "",
            NoContent, ["Deleted RAM user alice"]),
        ["policies list"] = new(["policies", "list", Account], "GET", $"/admin/accounts/{Account}/policies", "",
            Ok(200, $"[{PolicyAnswer}]"), ["readers", "iot:Query*", Shown]),
        ["policies put --document"] = new(["policies", "put", Account, "readers", "--document", Policy], "PUT", $"/admin/accounts/{Account}/policies/readers", Policy,
            Ok(200, PolicyAnswer), ["readers", "iot:Query*"]),
        ["policies put --file -"] = new(["policies", "put", Account, "readers", "--file", "-"], "PUT", $"/admin/accounts/{Account}/policies/readers", Policy,
            Ok(200, PolicyAnswer), ["readers"], Stdin: Policy),
        ["policies delete"] = new(["policies", "delete", Account, "readers"], "DELETE", $"/admin/accounts/{Account}/policies/readers", "",
            NoContent, ["Deleted policy readers"]),
        ["policies attach"] = new(["policies", "attach", Account, "alice", "readers"], "PUT", $"/admin/accounts/{Account}/users/alice/policies/readers", "",
            NoContent, ["Attached policy readers to RAM user alice"]),
        ["policies detach"] = new(["policies", "detach", Account, "alice", "readers"], "DELETE", $"/admin/accounts/{Account}/users/alice/policies/readers", "",
            NoContent, ["Detached policy readers from RAM user alice"]),
        ["instances list"] = new(["instances", "list", Account], "GET", $"/admin/accounts/{Account}/instances", "",
            Ok(200, $$"""[{"instanceId":"iot-abcd1234","createdMs":{{Ms}}}]"""), ["iot-abcd1234", Shown]),
        ["instances create"] = new(["instances", "create", Account], "POST", $"/admin/accounts/{Account}/instances", "{}",
            Ok(201, $$"""{"instanceId":"iot-x1y2z3w4","createdMs":{{Ms}}}"""), ["iot-x1y2z3w4"]),
        ["instances create ID"] = new(["instances", "create", Account, "iot-mine42"], "POST", $"/admin/accounts/{Account}/instances", """{"instanceId":"iot-mine42"}""",
            Ok(201, $$"""{"instanceId":"iot-mine42","createdMs":{{Ms}}}"""), ["iot-mine42"]),
        ["instances delete"] = new(["instances", "delete", Account, "iot-mine42"], "DELETE", $"/admin/accounts/{Account}/instances/iot-mine42", "",
            NoContent, ["Deleted instance iot-mine42"]),
        ["quotas list"] = new(["quotas", "list", Account], "GET", $"/admin/accounts/{Account}/quotas", "",
            Ok(200, """[{"action":"*","limitPerSecond":null},{"action":"QueryEdgeDriver","limitPerSecond":25}]"""),
            ["* (every action)", "unlimited", "QueryEdgeDriver", "25/s"]),
        ["quotas set"] = new(["quotas", "set", Account, "QueryEdgeDriver", "10"], "PUT", $"/admin/accounts/{Account}/quotas/QueryEdgeDriver", """{"limitPerSecond":10}""",
            NoContent, ["QueryEdgeDriver is now limited to 10/s"]),
        ["quotas set 0"] = new(["quotas", "set", Account, "QueryEdgeDriver", "0"], "PUT", $"/admin/accounts/{Account}/quotas/QueryEdgeDriver", """{"limitPerSecond":0}""",
            NoContent, ["0/s"]),
        ["quotas set * unlimited"] = new(["quotas", "set", Account, "*", "unlimited"], "PUT", $"/admin/accounts/{Account}/quotas/*", """{"limitPerSecond":null}""",
            NoContent, ["* is now limited to unlimited"]),
        ["quotas reset"] = new(["quotas", "reset", Account, "*"], "DELETE", $"/admin/accounts/{Account}/quotas/*", "",
            NoContent, ["the default limit applies"]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public async Task InitializeAsync() => _server = await AdminStubServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Sends_exactly_the_documented_request(string name)
    {
        var c = Cases[name];
        _server.Next = c.Answer;

        var run = await RunAsync(c);

        Assert.True(run.ExitCode == 0, run.Error);
        var request = _server.Single();
        Assert.Equal(c.Method, request.Method);
        Assert.Equal(c.Target, request.Target);
        Assert.Equal($"Bearer {AdminCli.Token}", request.Authorization);
        Assert.Equal(c.Body, request.Body);
        if (c.Body.Length > 0)
        {
            Assert.Equal("application/json; charset=utf-8", request.ContentType);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Table_output_shows_the_answer(string name)
    {
        var c = Cases[name];
        _server.Next = c.Answer;

        var run = await RunAsync(c);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (var shown in c.Shows)
        {
            Assert.Contains(shown, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Json_output_is_the_answer_and_nothing_else(string name)
    {
        var c = Cases[name];
        _server.Next = c.Answer;

        var run = await RunAsync(c with { Args = [.. c.Args, "--output", "json"] });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        if (c.Answer.Json is null)
        {
            Assert.Equal("", run.Out);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(c.Answer.Json), JsonNode.Parse(run.Out)), run.Out);
        }
    }

    [Fact]
    public async Task Policies_put_reads_the_document_from_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"edgereg-policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Policy);
        _server.Next = Ok(200, PolicyAnswer);
        try
        {
            var run = await AdminCli.AgainstAsync(_server, "policies", "put", Account, "readers", "--file", file);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(Policy, _server.Single().Body);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Path_segments_are_escaped()
    {
        _server.Next = NoContent;

        await AdminCli.AgainstAsync(_server, "keys", "delete", "a/b c", "k?y");

        Assert.Equal("/admin/accounts/a%2Fb%20c/keys/k%3Fy", _server.Single().Target);
    }

    [Fact]
    public async Task Json_output_is_indented_and_keeps_nulls()
    {
        _server.Next = Cases["keys list"].Answer;

        var run = await RunAsync(Cases["keys list"] with { Args = ["keys", "list", Account, "--output", "json"] });

        Assert.Contains("\n  {", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"userName\": null", run.Out, StringComparison.Ordinal);
    }

    private Task<CliRun> RunAsync(Case c) =>
        AdminCli.RunAsync(["admin", "--server", _server.Url.ToString(), "--token", AdminCli.Token, .. c.Args], c.Stdin);
}
