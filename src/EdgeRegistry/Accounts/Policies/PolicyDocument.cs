namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// A validated Alibaba RAM policy document (<c>{"Version":"1","Statement":[…]}</c>). Only <see cref="Parse"/>
/// creates one, so holding a document means it passed validation and its patterns are compiled.
/// </summary>
public sealed record PolicyDocument
{
    /// <summary>
    /// Alibaba's limit on a custom policy document ("1 to 6,144 characters", CreatePolicy's PolicyDocument).
    /// </summary>
    public const int MaxLength = 6144;

    internal PolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Validates <paramref name="json"/> and returns the document or every problem found.</summary>
    public static PolicyParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PolicyParser.Parse(json);
    }
}
