using System.Text.Json;
using EdgeRegistry.Cli.Admin.Client;

namespace EdgeRegistry.Cli.Admin.Output;

/// <summary>
/// <c>--output json</c>: the API's answer and nothing else on stdout, so scripts can pipe it to a parser.
/// Changes the API answers with 204 print nothing; the exit code says they worked.
/// </summary>
/// <param name="options">How the records are written; default <see cref="AdminJson.Output"/> (the admin API's camelCase).</param>
public sealed class JsonAdminOutput(TextWriter output, JsonSerializerOptions? options = null) : IAdminOutput
{
    public void List<T>(IReadOnlyList<T> items, string whenEmpty, params IReadOnlyList<AdminField<T>> columns) => Write(items);

    public void Item<T>(T item, params IReadOnlyList<AdminField<T>> fields) => Write(item);

    public void Done(string message)
    {
    }

    public void Notice(string message)
    {
    }

    private void Write<T>(T value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, options ?? AdminJson.Output));
        output.Flush();
    }
}
