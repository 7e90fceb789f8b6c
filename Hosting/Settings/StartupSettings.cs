using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Credit.Hosting.Settings;

/// <summary>Reads a settings group the platform needs before its host is built (where the database is, how the
/// process joins the cluster, which search engine to register), checked by the validator the options type is
/// checked with everywhere else, so that a bad value stops the start before a database or a silo is started.</summary>
public static class StartupSettings
{
    public static T Read<T>(IConfiguration configuration, string section, IValidateOptions<T> validator) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures) : options;
    }
}
