using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using EdgeRegistry.Rpc;

namespace EdgeRegistry.Tests.Rpc;

public sealed class ActionTableTests
{
    /// <summary>The operations of api.md section 5: all of them are implemented.</summary>
    private static readonly string[] SpecOperations =
    [
        "CreateEdgeDriver", "QueryEdgeDriver", "BatchGetEdgeDriver", "DeleteEdgeDriver", "CreateEdgeDriverVersion",
        "UpdateEdgeDriverVersion", "GetEdgeDriverVersion", "QueryEdgeDriverVersion", "DeleteEdgeDriverVersion", "ReleaseEdgeDriverVersion",
        "CreateEdgeOssPreSignedAddress",
    ];

    [Fact]
    public void The_table_holds_exactly_the_spec_operations_each_in_a_file_named_after_it()
    {
        var table = BuildTable();

        Assert.Equal(SpecOperations.Order(), table.Supported.Order());
        foreach (var action in SpecOperations)
        {
            Assert.Equal(action, table.Find(action)!.GetType().Name);
        }
    }

    [Fact]
    public void The_spec_lists_every_implemented_operation_as_a_section_5_heading()
    {
        var api = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rpc", "api.md"));
        var headings = Regex.Matches(api, "^### ([A-Za-z]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Subset(headings, SpecOperations.ToHashSet());
    }

    [Theory]
    [InlineData("QueryEdgeDriverVersion", true, true)]
    [InlineData("BindDriverToEdgeInstance", true, false)]
    [InlineData("CreateEdgeOssPreSignedAddress", true, true)]
    [InlineData("QueryDevice", true, false)]
    [InlineData("Foo", false, false)]
    [InlineData("queryedgedriverversion", false, false)]
    public void Known_and_implemented_actions_are_told_apart(string action, bool known, bool implemented)
    {
        var table = BuildTable();

        Assert.Equal(known, table.IsKnown(action));
        Assert.Equal(implemented, table.Find(action) is not null);
    }

    /// <summary>The table only reads each operation's Action, so the operations are made without their services.</summary>
    private static ActionTable BuildTable() =>
        new(ActionTable.Operations.Select(t => (IRpcOperation)RuntimeHelpers.GetUninitializedObject(t)));
}
