namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// One problem in a policy document: <see cref="Path"/> points at the element (<c>Statement[1].Effect</c>,
/// <c>Statement[0].Action[2]</c>), or is empty when the problem is the document as a whole.
/// </summary>
public sealed record PolicyError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
