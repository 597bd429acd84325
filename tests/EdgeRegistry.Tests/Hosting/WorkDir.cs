using System.Text.Json;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>A temp folder to run a <see cref="ServerProcess"/> in: its appsettings.json and data dirs; removed afterwards.</summary>
public sealed class WorkDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("edgereg-process-").FullName;

    /// <summary>A path inside the folder (not created).</summary>
    public string this[string name] => Path.Combine(Root, name);

    /// <summary>Writes appsettings.json with <paramref name="section"/> as its <c>EdgeRegistry</c> section.</summary>
    public void AppSettings(object section) =>
        File.WriteAllText(this["appsettings.json"], JsonSerializer.Serialize(new Dictionary<string, object> { ["EdgeRegistry"] = section }));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed process still held must not fail the test; the OS cleans temp eventually.
        }
    }
}
