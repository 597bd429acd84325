namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// A wire object answered many times without change (a version or driver the read cache holds): the writers render
/// it once per format and copy the render into later answers. At most one value is made fresh for every answer
/// (a download link): the render keeps a hole where it goes.
/// </summary>
public interface IRenderedWireObject : IWireObject
{
    /// <summary>Where this object's renders are kept; null when it is not worth rendering (read once, not cached).</summary>
    WireRender? Render { get; }

    /// <summary>The value made for this answer that the hole takes, or null when the object has no hole.</summary>
    string? Fresh { get; }

    /// <summary>Writes the fields field by field, with <paramref name="fresh"/> where <see cref="Fresh"/> goes.</summary>
    void WriteTo(IWireWriter writer, string? fresh);
}
