namespace EdgeRegistry.Tests.Faults;

/// <summary>
/// Two replicas (real processes) in scale-out mode on a private PostgreSQL and Redis, for one test class whose
/// tests take the engines down and bring them back. The replicas are started one after the other, as a rolling
/// deployment would, and each is ready before the tests begin.
/// </summary>
public sealed class ReplicaPairFixture : IAsyncLifetime
{
    public PrivateEngines Engines { get; private set; } = null!;

    public ProcessReplica A { get; private set; } = null!;

    public ProcessReplica B { get; private set; } = null!;

    public IReadOnlyList<ProcessReplica> Both => [A, B];

    public IReadOnlyDictionary<string, string> Environment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            Engines = await PrivateEngines.StartAsync();
            Environment = ProcessReplica.SharedEnvironment(Engines);
            A = await ProcessReplica.StartAsync(Environment);
            B = await ProcessReplica.StartAsync(Environment);
        }
        catch
        {
            // Nothing may outlive the class: a replica or an engine left running would hold its port and CPU.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (A is not null)
            {
                await A.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (B is not null)
                {
                    await B.DisposeAsync();
                }
            }
            finally
            {
                if (Engines is not null)
                {
                    await Engines.DisposeAsync();
                }
            }
        }
    }
}
