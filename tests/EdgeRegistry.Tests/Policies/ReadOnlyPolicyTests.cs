using EdgeRegistry.Accounts.Policies;
using static EdgeRegistry.Tests.Policies.Policies;

namespace EdgeRegistry.Tests.Policies;

/// <summary>A realistic read-only policy, as a user would write it, against every EdgeRegistry action.</summary>
public sealed class ReadOnlyPolicyTests
{
    private static readonly PolicyDocument ReadOnly = Parse("""
        {
          'Version': '1',
          'Statement': [
            { 'Effect': 'Allow', 'Action': ['iot:Query*', 'iot:Get*', 'iot:BatchGet*'], 'Resource': '*' }
          ]
        }
        """);

    [Theory]
    [InlineData("CreateEdgeDriver", PolicyDecision.ImplicitDeny)]
    [InlineData("QueryEdgeDriver", PolicyDecision.Allow)]
    [InlineData("BatchGetEdgeDriver", PolicyDecision.Allow)]
    [InlineData("DeleteEdgeDriver", PolicyDecision.ImplicitDeny)]
    [InlineData("CreateEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("UpdateEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("GetEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("QueryEdgeDriverVersion", PolicyDecision.Allow)]
    [InlineData("DeleteEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("ReleaseEdgeDriverVersion", PolicyDecision.ImplicitDeny)]
    [InlineData("CreateEdgeOssPreSignedAddress", PolicyDecision.ImplicitDeny)]
    public void Reads_are_allowed_and_changes_are_denied(string action, PolicyDecision expected)
    {
        Assert.Equal(expected, Evaluate(action, ReadOnly));
    }
}
