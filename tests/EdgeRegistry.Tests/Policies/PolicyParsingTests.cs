using EdgeRegistry.Accounts.Policies;
using static EdgeRegistry.Tests.Policies.Policies;

namespace EdgeRegistry.Tests.Policies;

public sealed class PolicyParsingTests
{
    [Fact]
    public void A_document_with_lists_parses_into_statements_with_their_patterns()
    {
        var document = Parse("""
            {
              'Version': '1',
              'Statement': [
                { 'Effect': 'Allow', 'Action': ['iot:Query*', 'iot:Get*'], 'Resource': ['*'] },
                { 'Effect': 'Deny', 'Action': 'iot:DeleteEdgeDriver', 'Resource': 'acs:iot:*:*:*' }
              ]
            }
            """);

        Assert.Collection(document.Statements,
            s =>
            {
                Assert.Equal(PolicyEffect.Allow, s.Effect);
                Assert.Equal(["iot:Query*", "iot:Get*"], s.Actions.Select(a => a.Text));
                Assert.Equal(["*"], s.Resources.Select(r => r.Text));
            },
            s =>
            {
                Assert.Equal(PolicyEffect.Deny, s.Effect);
                Assert.Equal(["iot:DeleteEdgeDriver"], s.Actions.Select(a => a.Text));
                Assert.Equal(["acs:iot:*:*:*"], s.Resources.Select(r => r.Text));
            });
    }

    [Theory]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}")]
    [InlineData("{'Statement':[{'Resource':'*','Action':['iot:*'],'Effect':'Deny'}],'Version':'1'}")]
    [InlineData("{'Version':'1','Statement':{'Effect':'Allow','Action':'iot:Get?dgeDriverVersion','Resource':'*'}}")]
    [InlineData("{'Version':'1','Statement':[{'Effect':'Allow','Action':['ecs:Describe*','oss:GetObject'],'Resource':['acs:oss:*:*:bucket/dir/*']}]}")]
    public void Documents_Alibaba_accepts_are_accepted(string json)
    {
        Assert.Single(Parse(json).Statements);
    }

    [Fact]
    public void A_document_of_exactly_the_size_limit_is_accepted()
    {
        var body = Json("{'Version':'1','Statement':[{'Effect':'Allow','Action':'iot:*','Resource':'*'}]}");
        var padded = body + new string(' ', PolicyDocument.MaxLength - body.Length);

        Assert.True(PolicyDocument.Parse(padded).IsValid);
        Assert.False(PolicyDocument.Parse(padded + " ").IsValid);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "", "", "the policy document is empty" },
        { "{'Version':'1' 'Statement':[]}", "", "not valid JSON (line 1, position 16)" },
        { "{'Version':'1',", "", "not valid JSON" },
        { "['Version']", "", "must be a JSON object, not an array" },
        { "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}", "Version", "Version is missing" },
        { "{'Version':1,'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}", "Version", "must be the string \"1\", not the number 1" },
        { "{'Version':'2','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}", "Version", "not \"2\"" },
        { "{'Version':'1'}", "Statement", "Statement is missing" },
        { "{'Version':'1','Statement':[]}", "Statement", "Statement is empty" },
        { "{'Version':'1','Statement':'Allow'}", "Statement", "must be an array of statements, not \"Allow\"" },
        { "{'Version':'1','Statement':[42]}", "Statement[0]", "a statement must be a JSON object, not the number 42" },
        { "{'Version':'1','Statement':[{'Action':'*','Resource':'*'}]}", "Statement[0].Effect", "Effect is missing" },
        { "{'Version':'1','Statement':[{'Effect':'Permit','Action':'*','Resource':'*'}]}", "Statement[0].Effect", "\"Allow\" or \"Deny\", not \"Permit\"" },
        { "{'Version':'1','Statement':[{'Effect':'allow','Action':'*','Resource':'*'}]}", "Statement[0].Effect", "case-sensitive" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Resource':'*'}]}", "Statement[0].Action", "Action is missing" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':[],'Resource':'*'}]}", "Statement[0].Action", "Action is empty" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':{'iot':'*'},'Resource':'*'}]}", "Statement[0].Action", "string or an array of strings, not an object" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':['iot:*',true],'Resource':'*'}]}", "Statement[0].Action[1]", "must be a string, not the boolean true" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':['QueryEdgeDriver'],'Resource':'*'}]}", "Statement[0].Action[0]", "not an action of the form <service>:<action>" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'iot:','Resource':'*'}]}", "Statement[0].Action", "not an action of the form" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'iot:Query Edge','Resource':'*'}]}", "Statement[0].Action", "characters an action cannot have" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*'}]}", "Statement[0].Resource", "Resource is missing" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':[]}]}", "Statement[0].Resource", "Resource is empty" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'iot:*'}]}", "Statement[0].Resource", "is not a resource" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}}]}", "Statement[0].Condition", "Condition is not supported" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','NotAction':'iot:Delete*','Resource':'*'}]}", "Statement[0].NotAction", "NotAction is not supported" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','NotResource':'*'}]}", "Statement[0].NotResource", "NotResource is not supported" },
        { "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Principal':{'RAM':['*']}}]}", "Statement[0].Principal", "resource-based policies" },
        { "{'Version':'1','Statement':[{'effect':'Allow','Action':'*','Resource':'*'}]}", "Statement[0].effect", "write \"Effect\"" },
        { "{'Version':'1','Statement':[{'Sid':'x','Effect':'Allow','Action':'*','Resource':'*'}]}", "Statement[0].Sid", "unknown element \"Sid\"" },
        { "{'Version':'1','Id':'p','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}", "Id", "expected only Version, Statement" },
        { "{'Version':'1','Statement':[{'Effect':'Deny','Effect':'Allow','Action':'*','Resource':'*'}]}", "Statement[0].Effect", "appears more than once" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Each_malformed_document_is_refused_with_the_path_and_the_problem(string json, string path, string message)
    {
        var result = PolicyDocument.Parse(Json(json));

        Assert.False(result.IsValid);
        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_document_is_refused_with_its_size_and_the_limit()
    {
        var result = PolicyDocument.Parse(new string(' ', PolicyDocument.MaxLength + 1));

        Assert.Equal("the policy document is 6,145 characters long; a custom policy may have at most 6,144", result.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_at_its_own_path()
    {
        var result = PolicyDocument.Parse(Json(
            "{'Version':'1','Statement':[{'Effect':'Allow','Action':'iot:*','Resource':'*'},{'Effect':'Alow','Action':['iot:*','nope'],'Resource':'*'}]}"));

        Assert.Equal(["Statement[1].Effect", "Statement[1].Action[1]"], result.Errors.Select(e => e.Path));
        Assert.StartsWith("Statement[1].Effect: Effect must be \"Allow\" or \"Deny\", not \"Alow\"; Statement[1].Action[1]: ", result.Message, StringComparison.Ordinal);
    }
}
