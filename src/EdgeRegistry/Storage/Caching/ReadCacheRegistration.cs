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
        var innerType = provider.ImplementationType
            ?? throw new InvalidOperationException("The read cache expects the driver store registered by its type.");
        services.Remove(provider);
        services.AddSingleton(new ReadCache(megabytes * 1024L * 1024L));
        services.AddSingleton<IDriverStore>(s =>
            new CachingDriverStore((IDriverStore)ActivatorUtilities.CreateInstance(s, innerType), s.GetRequiredService<ReadCache>()));
        return services;
    }
}
