using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credit.Hosting.Logging;

public static class LoggingRedactionExtensions
{
    /// <summary>Puts every logger provider registered so far behind <see cref="RedactingLoggerProvider"/>. Call it after
    /// the providers are added. (Hand-written decoration: Microsoft.Extensions.DependencyInjection has none, and one
    /// registration is not worth a library.)</summary>
    public static ILoggingBuilder RedactResidentIds(this ILoggingBuilder logging)
    {
        var services = logging.Services;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
                continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(provider => new RedactingLoggerProvider(Create(provider, descriptor)));
        }
        return logging;
    }

    private static ILoggerProvider Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ILoggerProvider
        ?? descriptor.ImplementationFactory?.Invoke(provider) as ILoggerProvider
        ?? (ILoggerProvider)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
