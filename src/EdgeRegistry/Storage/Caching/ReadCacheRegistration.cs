namespace EdgeRegistry.Storage.Caching;

public static class ReadCacheRegistration
{
    /// <summary>Puts <see cref="CachingDriverStore"/> in front of the provider's driver store (0 MiB: leaves it bare).</summary>
    public static IServiceCollection AddReadCache(this IServiceCollection services, int megabytes)
    {
        if (megabytes == 0)
        {
            return services;
        }

        var provider = services.Last(d => d.ServiceType == typeof(IDriverStore));
        services.Remove(provider);
        services.AddSingleton(new ReadCache(megabytes * 1024L * 1024L));
        services.AddSingleton<IDriverStore>(s => new CachingDriverStore(Resolve(s, provider), s.GetRequiredService<ReadCache>()));
        return services;
    }

    /// <summary>The store the provider registered, however it registered it.</summary>
    private static IDriverStore Resolve(IServiceProvider services, ServiceDescriptor provider) =>
        (IDriverStore)(provider.ImplementationInstance
            ?? provider.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, provider.ImplementationType!));
}
