namespace EdgeRegistry.Rpc.Wire;

/// <summary>A body with no fields beyond the envelope (Delete*, Update*, Release*).</summary>
public sealed class EmptyBody : IWireObject
{
    public static EmptyBody Instance { get; } = new();

    public void WriteTo(IWireWriter writer)
    {
    }
}

/// <summary>One string field at the top level, such as CreateEdgeDriver's <c>DriverId</c>.</summary>
public sealed record FieldBody(string Name, string Value) : IWireObject
{
    public void WriteTo(IWireWriter writer) => writer.String(Name, Value);
}

/// <summary><c>Data</c> holding one object, such as GetEdgeDriverVersion's version.</summary>
public sealed record DataBody(IWireObject Data) : IWireObject
{
    public void WriteTo(IWireWriter writer)
    {
        writer.Object("Data", Data);
    }
}

/// <summary>A list at the top level (Batch* operations): a bare array in JSON, wrapped items in XML.</summary>
public sealed record ListBody(string ListName, string ItemName, IReadOnlyList<IWireObject> Items) : IWireObject
{
    public void WriteTo(IWireWriter writer) => WriteList(writer, ListName, ItemName, Items);

    public static void WriteList(IWireWriter writer, string listName, string itemName, IReadOnlyList<IWireObject> items)
    {
        writer.BeginList(listName, itemName);
        foreach (var item in items)
        {
            writer.Item(item);
        }

        writer.EndList();
    }
}

/// <summary>A paged query's <c>Data</c>: CurrentPage, PageSize, Total and the page's list.</summary>
public sealed record PagedBody(int CurrentPage, int PageSize, int Total, string ListName, string ItemName, IReadOnlyList<IWireObject> Items) : IWireObject
{
    public void WriteTo(IWireWriter writer)
    {
        writer.BeginObject("Data");
        writer.Number("CurrentPage", CurrentPage);
        writer.Number("PageSize", PageSize);
        writer.Number("Total", Total);
        ListBody.WriteList(writer, ListName, ItemName, Items);
        writer.EndObject();
    }
}
