namespace EdgeRegistry.LoadGen;

/// <summary>Finds the checkout the generator runs from, so the default server path works from any directory.</summary>
public static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdgeRegistry.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    public static string DefaultServerDll() => Path.Combine(Root(), "artifacts", "edgereg", "edgereg.dll");
}
