namespace EdgeRegistry.Cli.Admin.Output;

/// <summary>One column of a table, or one line of a record, as people read it.</summary>
public sealed record AdminField<T>(string Name, Func<T, string?> Value);

/// <summary>
/// Where a command's result goes: a table for people (<see cref="TableAdminOutput"/>) or the API's JSON for
/// scripts (<see cref="JsonAdminOutput"/>). Commands hand over the API's records; the fields only shape the table.
/// </summary>
public interface IAdminOutput
{
    void List<T>(IReadOnlyList<T> items, string whenEmpty, params IReadOnlyList<AdminField<T>> columns);

    void Item<T>(T item, params IReadOnlyList<AdminField<T>> fields);

    /// <summary>A change the API answered with no body (204).</summary>
    void Done(string message);

    /// <summary>Something people must not miss, such as a secret that will not be shown again.</summary>
    void Notice(string message);
}
