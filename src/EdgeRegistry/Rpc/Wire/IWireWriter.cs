namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// What a response writes itself through, once for JSON and once for XML. Lists name their XML item element,
/// which JSON ignores (lists are bare arrays there).
/// </summary>
public interface IWireWriter
{
    void String(string name, string value);

    void Number(string name, long value);

    void Boolean(string name, bool value);

    void BeginObject(string name);

    void EndObject();

    void BeginList(string name, string itemName);

    void EndList();

    /// <summary>One item of the open list; a <see cref="IRenderedWireObject"/> with a render is copied from it.</summary>
    void Item(IWireObject item);

    /// <summary>A named object field (such as <c>Data</c>); a rendered one is copied from its render.</summary>
    void Object(string name, IWireObject value);
}

/// <summary>A response body (or part of one) that knows its own fields, in wire order.</summary>
public interface IWireObject
{
    void WriteTo(IWireWriter writer);
}
