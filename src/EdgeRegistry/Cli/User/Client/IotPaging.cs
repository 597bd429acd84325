namespace EdgeRegistry.Cli.User.Client;

/// <summary>Pages through a paged query to its end, for <c>--all</c>.</summary>
public static class IotPaging
{
    /// <param name="fetch">Gets page N (1-based) of at most <see cref="IotClient.MaxPageSize"/> items.</param>
    /// <param name="key">Identifies an item: a row created meanwhile shifts the pages, and what shifts is listed once.</param>
    public static async Task<List<T>> AllAsync<T>(Func<int, Task<IotPage<T>>> fetch, Func<T, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<T>();
        for (var page = 1; ; page++)
        {
            var answer = await fetch(page);
            items.AddRange(answer.Items.Where(item => seen.Add(key(item))));
            // Total bounds the walk even if a server kept answering full pages.
            if (answer.Items.Count < IotClient.MaxPageSize || (long)page * IotClient.MaxPageSize >= answer.Total)
            {
                return items;
            }
        }
    }
}
