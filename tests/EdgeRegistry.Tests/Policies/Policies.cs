using EdgeRegistry.Accounts.Policies;

namespace EdgeRegistry.Tests.Policies;

/// <summary>Builds policy documents for tests; JSON is written with single quotes to keep the tables readable.</summary>
internal static class Policies
{
    public const string Account = "1234567890123456";

    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static PolicyDocument Parse(string singleQuoted)
    {
        var result = PolicyDocument.Parse(Json(singleQuoted));
        Assert.True(result.IsValid, result.Message);
        return result.Document;
    }

    public static PolicyDocument Statement(string effect, string actions, string resources = "'*'") =>
        Parse($"{{'Version':'1','Statement':[{{'Effect':'{effect}','Action':{actions},'Resource':{resources}}}]}}");

    public static PolicyDecision Evaluate(string action, params PolicyDocument[] policies) =>
        PolicyEvaluator.Evaluate(policies, action, Account);
}
