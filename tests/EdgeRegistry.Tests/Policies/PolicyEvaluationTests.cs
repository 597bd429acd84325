using EdgeRegistry.Accounts.Policies;
using static EdgeRegistry.Tests.Policies.Policies;

namespace EdgeRegistry.Tests.Policies;

public sealed class PolicyEvaluationTests
{
    [Theory]
    [InlineData("'iot:QueryEdgeDriver'", "QueryEdgeDriver", PolicyDecision.Allow)]
    [InlineData("'iot:QueryEdgeDriver'", "QueryEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("['iot:Query*']", "QueryEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("['iot:Query*']", "GetEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("'iot:*'", "ReleaseEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("'*'", "CreateEdgeOssPreSignedAddress", PolicyDecision.Allow)]
    [InlineData("'iot:*Version'", "DeleteEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("'iot:*Version'", "DeleteEdgeDriver", PolicyDecision.ImplicitDeny)]
    [InlineData("'iot:*Edge*Version'", "UpdateEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("'iot:?etEdgeDriverVersion'", "GetEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("'iot:?etEdgeDriverVersion'", "ResetEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("'iot:Get?EdgeDriverVersion'", "GetEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("'ecs:*'", "QueryEdgeDriver", PolicyDecision.ImplicitDeny)]
    [InlineData("'iots:*'", "QueryEdgeDriver", PolicyDecision.ImplicitDeny)]
    [InlineData("'*:QueryEdgeDriver'", "QueryEdgeDriver", PolicyDecision.Allow)]
    public void An_allow_statement_covers_the_actions_its_patterns_match(string actions, string action, PolicyDecision expected)
    {
        Assert.Equal(expected, Evaluate(action, Statement("Allow", actions)));
    }

    [Theory]
    [InlineData("'IOT:queryedgedriver'")]
    [InlineData("'iot:QUERY*'")]
    [InlineData("'Iot:Q?eryEdge*'")]
    public void Action_matching_ignores_case(string actions)
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate("QueryEdgeDriver", Statement("Allow", actions)));
    }

    [Fact]
    public void No_policy_means_denied()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate("QueryEdgeDriver"));
    }

    [Fact]
    public void A_deny_in_one_policy_wins_over_an_allow_in_another_whatever_the_order()
    {
        var allowAll = Statement("Allow", "'iot:*'");
        var denyDeletes = Statement("Deny", "'iot:Delete*'");

        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate("DeleteEdgeDriver", allowAll, denyDeletes));
        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate("DeleteEdgeDriver", denyDeletes, allowAll));
        Assert.Equal(PolicyDecision.Allow, Evaluate("QueryEdgeDriver", allowAll, denyDeletes));
    }

    [Fact]
    public void A_deny_wins_within_one_policy_too_and_a_deny_alone_is_an_explicit_deny()
    {
        var both = Parse("{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},{'Effect':'Deny','Action':'iot:CreateEdgeDriver','Resource':'*'}]}");

        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate("CreateEdgeDriver", both));
        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate("CreateEdgeDriver", Statement("Deny", "'*'")));
    }

    [Theory]
    [InlineData("'*'", PolicyDecision.Allow)]
    [InlineData("['acs:iot:*:*:*']", PolicyDecision.Allow)]
    [InlineData("['acs:iot:cn-shanghai:" + Account + ":*']", PolicyDecision.Allow)]
    [InlineData("['acs:*:*:*:*']", PolicyDecision.Allow)]
    [InlineData("['acs:iot:*:9999999999999999:*']", PolicyDecision.ImplicitDeny)]
    [InlineData("['acs:ecs:*:*:*']", PolicyDecision.ImplicitDeny)]
    [InlineData("['acs:iot:*:*:product/a1B2c3']", PolicyDecision.ImplicitDeny)]
    [InlineData("['acs:oss:*:*:bucket', 'acs:iot:*:*:*']", PolicyDecision.Allow)]
    public void An_allow_applies_only_when_a_resource_covers_the_whole_account(string resources, PolicyDecision expected)
    {
        Assert.Equal(expected, Evaluate("QueryEdgeDriver", Statement("Allow", "'iot:*'", resources)));
    }

    [Fact]
    public void A_deny_scoped_to_another_account_or_service_does_not_deny()
    {
        var allow = Statement("Allow", "'iot:*'");
        var denyElsewhere = Statement("Deny", "'iot:*'", "['acs:iot:*:9999999999999999:*', 'acs:ecs:*:*:*']");

        Assert.Equal(PolicyDecision.Allow, Evaluate("QueryEdgeDriver", allow, denyElsewhere));
    }

    [Fact]
    public void An_unusually_long_action_name_is_evaluated_without_failing()
    {
        var longName = "Query" + new string('X', 500);

        Assert.Equal(PolicyDecision.Allow, Evaluate(longName, Statement("Allow", "'iot:Query*'")));
    }

    [Fact]
    public void Evaluation_allocates_nothing_so_it_can_run_on_every_request()
    {
        PolicyDocument[] policies =
        [
            Parse("{'Version':'1','Statement':[{'Effect':'Allow','Action':['iot:Query*','iot:Get*','iot:*Edge?riverVersion'],'Resource':['acs:iot:*:*:*']}]}"),
            Statement("Deny", "['iot:Delete*','ecs:*']", "'*'"),
        ];
        PolicyEvaluator.Evaluate(policies, "UpdateEdgeDriverVersion", Account);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            PolicyEvaluator.Evaluate(policies, "UpdateEdgeDriverVersion", Account);
            PolicyEvaluator.Evaluate(policies, "DeleteEdgeDriver", Account);
            PolicyEvaluator.Evaluate(policies, "CreateEdgeDriver", Account);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
