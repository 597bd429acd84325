using Spectre.Console;

namespace EdgeRegistry.Cli.Admin.Output;

/// <summary>Tables and messages for people. Values go in as <see cref="Text"/>, never as markup.</summary>
public sealed class TableAdminOutput(IAnsiConsole console) : IAdminOutput
{
    public void List<T>(IReadOnlyList<T> items, string whenEmpty, params IReadOnlyList<AdminField<T>> columns)
    {
        if (items.Count == 0)
        {
            console.WriteLine(whenEmpty);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column.Name, new Style(decoration: Decoration.Bold))));
        }

        foreach (var item in items)
        {
            table.AddRow(columns.Select(c => new Text(c.Value(item) ?? "")));
        }

        console.Write(table);
    }

    public void Item<T>(T item, params IReadOnlyList<AdminField<T>> fields)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("Field");
        table.AddColumn("Value");
        foreach (var field in fields)
        {
            table.AddRow(new Text(field.Name, new Style(decoration: Decoration.Bold)), new Text(field.Value(item) ?? ""));
        }

        console.Write(table);
    }

    public void Done(string message) => console.WriteLine(message);

    public void Notice(string message) => console.Write(new Text(message + Environment.NewLine, new Style(Color.Yellow)));
}
