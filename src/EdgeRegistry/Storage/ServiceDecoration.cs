namespace EdgeRegistry.Storage;

/// <summary>Puts a wrapper in front of the store a provider registered, whichever way the provider registered it.</summary>
public static class ServiceDecoration
{
    /// <summary>Replaces the last registration of <typeparamref name="T"/> by <paramref name="wrap"/> of what it made (a singleton, as every store is).</summary>
    public static IServiceCollection Decorate<T>(this IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(registered);
        services.AddSingleton(s => wrap(s, Resolve<T>(s, registered)));
        return services;
    }

    private static T Resolve<T>(IServiceProvider services, ServiceDescriptor registered) =>
        (T)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
