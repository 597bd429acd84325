namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>
/// What a load balancer in front of two replicas does, for a test's <see cref="HttpClient"/>: each request to one
/// of the replicas goes to the next one in turn. The Host header stays the one the client addressed (and signed):
/// a V3 signature covers it, and a real balancer passes it through.
/// </summary>
public sealed class ReplicaAlternation(IReadOnlyList<Uri> replicas) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = replicas[(int)((uint)Interlocked.Increment(ref _next) % (uint)replicas.Count)];
        if (request.RequestUri is { IsAbsoluteUri: true } uri && replicas.Any(r => r.Authority == uri.Authority) && uri.Authority != target.Authority)
        {
            request.Headers.Host ??= uri.Authority;
            request.RequestUri = new UriBuilder(uri) { Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
