using System.Diagnostics.CodeAnalysis;

namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// Either a parsed <see cref="PolicyDocument"/> or every problem found in the text. A result rather than an
/// exception, because a bad policy is an expected user input at attach time and reporting all problems at once
/// spares the user a fix-one-resubmit loop.
/// </summary>
public sealed record PolicyParseResult
{
    private PolicyParseResult(PolicyDocument? document, IReadOnlyList<PolicyError> errors)
    {
        Document = document;
        Errors = errors;
    }

    public PolicyDocument? Document { get; }

    public IReadOnlyList<PolicyError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    public bool IsValid => Document is not null;

    /// <summary>All errors joined with "; " so they fit one error-response message or one CLI line.</summary>
    public string Message => IsValid ? string.Empty : string.Join("; ", Errors);

    internal static PolicyParseResult Success(PolicyDocument document) => new(document, []);

    internal static PolicyParseResult Failure(IReadOnlyList<PolicyError> errors) => new(null, errors);
}
