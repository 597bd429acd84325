namespace EdgeRegistry.Hosting;

/// <summary>
/// A backend besides the store that a replica cannot serve without (Redis in scale-out mode): <c>/health/ready</c>
/// asks every registered one, so that a load balancer stops sending requests that could only get a 503.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>What <c>/health/ready</c> names when it is down, e.g. "Redis".</summary>
    string Name { get; }

    /// <summary>Returns when the backend answers; throws when it does not (within the caller's cancellation).</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
