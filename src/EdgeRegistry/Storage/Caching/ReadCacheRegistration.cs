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

        services.AddSingleton(new ReadCache(megabytes * 1024L * 1024L));
        return services.Decorate<IDriverStore>((s, store) => new CachingDriverStore(store, s.GetRequiredService<ReadCache>()));
    }
}
