using System.Net;
using System.Text.Json.Serialization;
using Credit.Api.Agencies;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Bulk;
using Credit.Api.Calendar;
using Credit.Api.Courts;
using Credit.Api.ExitBans;
using Credit.Api.Health;
using Credit.Api.Listings;
using Credit.Api.Objections;
using Credit.Api.OpenApi;
using Credit.Api.Problems;
using Credit.Api.Publication;
using Credit.Api.Removals;
using Credit.Api.Restrictions;
using Credit.Api.Screens;
using Credit.Api.Statistics;
using Credit.Api.Subjects;
using Credit.ReadModels.ApiKeys;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Credit.Hosting.Embedded;
using Credit.Hosting.Orleans;
using Credit.Hosting.Partners;
using Credit.Api.Partners;
using Credit.Hosting.Logging;
using Credit.Hosting.Settings;
using Credit.Hosting.Storage;
using Credit.Hosting.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Npgsql;
using Orleans.Configuration;

namespace Credit.Api.Hosting;

/// <summary>Builds the whole platform in one process: PostgreSQL (embedded unless configured), the
/// schema, the Orleans silo (or a client of one), and every HTTP surface.</summary>
public static class CreditApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json and the page in wwwroot are copied next to the assemblies, so they are found
        // whatever the working directory (./credit start runs from the repository root, tests from their
        // own output). Without its appsettings.json the platform would log every request's URL, query
        // string and all, at Information: an ID search would write the full ID number to the log.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)))
            builder.WebHost.UseUrls(DefaultUrl);
        // What must be known before the host is built is checked first, before a database or a silo is started.
        var storage = StartupSettings.Read(builder.Configuration, StorageOptions.Section, new StorageOptionsValidator());
        var cluster = StartupSettings.Read(builder.Configuration, ClusterHostingOptions.Section, new ClusterHostingOptionsValidator());
        var search = StartupSettings.Read(builder.Configuration, PublicSearchOptions.Section, new PublicSearchOptionsValidator());

        using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole().RedactResidentIds());
        var logger = startupLogs.CreateLogger("Credit.Startup");
        var connectionString = storage.ConnectionString;
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        if (embedded)
        {
            var postgres = new EmbeddedPostgres(Path.GetFullPath(storage.EmbeddedDataFolder), logger);
            connectionString = await postgres.StartAsync(storage.EmbeddedDatabase);
            EmbeddedWebhookSecretKey.AddTo(builder.Configuration, Path.GetFullPath(storage.EmbeddedDataFolder));
            // Registered before Orleans, so it stops after the silo has stopped.
            builder.Services.AddSingleton(postgres);
            builder.Services.AddHostedService<EmbeddedPostgresSupervisor>();
        }
        await new SchemaMigrator(connectionString!, logger).MigrateAsync();
        if (storage.SeedDemoKeys ?? embedded)
        {
            await using var database = NpgsqlDataSource.Create(connectionString!);
            await DemoCourtKeys.SeedAsync(database);
            await DemoAgencyKeys.SeedAsync(database);
            await DemoScreenOperatorKeys.SeedAsync(database);
            await DemoPartnerKeys.SeedAsync(database);
        }

        builder.Services.AddCreditStorage(connectionString!);
        builder.Services.AddCreditDomain();
        builder.Services.AddPartnerDeliveries();
        builder.Services.AddAgencyCatalogue();
        builder.AddCreditTelemetry("credit-api");
        AddOrleans(builder, cluster, connectionString!);
        AddHttpServices(builder, search);
        builder.Logging.RedactResidentIds();

        var app = builder.Build();
        // First: the rate limit and anything else that asks for the client's address must see the forwarded one.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseJsonRequestBodies();
        app.UseStrictQueryValues();
        app.UseOpenApi(settings => settings.Path = "/openapi/{documentName}.json");
        app.UseSwaggerUi(settings =>
        {
            settings.Path = "/openapi";
            settings.DocumentPath = "/openapi/{documentName}.json";
        });
        app.MapHealth();
        app.MapCourts();
        app.MapSubjects();
        app.MapListings();
        app.MapRestrictions();
        app.MapExitBans();
        app.MapBulkJobs();
        app.MapPublicSearch();
        app.MapAgencies();
        app.MapAgencyCatalogue();
        app.MapScreens();
        app.MapPartners();
        app.MapObjections();
        app.MapRemovals();
        app.MapStatistics();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, embedded));
        return app;
    }

    private static void AddOrleans(WebApplicationBuilder builder, ClusterHostingOptions cluster, string connectionString)
    {
        if (cluster.CoHostSilo)
        {
            builder.UseOrleans(silo =>
            {
                silo.UsePostgresStorage(connectionString);
                silo.UseCreditCluster(cluster.ClusterId, cluster.ServiceId);
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.OrPick(cluster.SiloPort), FreePort.OrPick(cluster.GatewayPort));
            });
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = CreditSiloExtensions.Invariant;
                    options.ConnectionString = connectionString;
                });
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
            });
        }
    }

    private static void AddHttpServices(WebApplicationBuilder builder, PublicSearchOptions search)
    {
        builder.Services.AddTrustedProxies();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = JsonRequestBodies.NameContentType);
        // In this order: the database being away is a 503 whatever the request, and only the rest is the bad-request
        // handler's to judge.
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures (malformed JSON, wrong types) throw, so the handler can name the field at fault.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new ExactEnumNames());
            // The web defaults read "250000" as a number; the document types amounts and years as numbers, and a number is
            // one (RFC 8259), so a string is refused naming the field. A number too large to hold meets the field's range rule.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new SaturatedDecimals());
            options.SerializerOptions.Converters.Add(new WholeNumbers());
            options.SerializerOptions.Converters.Add(new StrictDoubles());
            // A misspelt optional field (eventDate as evenDate) would otherwise be dropped in silence and the change stored
            // without it; the document says additionalProperties: false, and the API holds to it.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // JSON lets a member come twice and the last one win: {"reason":"FullPerformance","reason":"CreditorRequest"}
            // was stored as the second, a reason with a six-month bar on listing the debtor again.
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.AddSingleton<CourtKeys>();
        builder.Services.AddSingleton<CourtRegistry>();
        // No default scheme: each policy names its own, so a key is looked up only by the scheme of the endpoint it
        // reaches; a default scheme would run on every request and fail, with two log lines, on each agency check.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, CourtApiKeyAuthentication>(CourtApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CourtApiKeyAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(CourtApiKeyAuthentication.SchemeName)
                .RequireClaim(CourtApiKeyAuthentication.CourtCodeClaim));
        builder.Services.AddCreditHealth();
        builder.Services.AddCreditOpenApi();
        builder.Services.AddPublicSearch();
        builder.Services.AddAgencies();
        builder.Services.AddBulkJobs();
        builder.Services.AddScreens();
        builder.Services.AddPartners();
        builder.Services.AddWorkingDayCalendar();
        builder.Services.AddSingleton<Credit.ReadModels.Objections.ObjectionQueries>();
        builder.Services.AddSingleton<Credit.ReadModels.Removals.RemovalQueries>();
        builder.Services.AddStatistics();
        // Registered after the PostgreSQL engine, so its search and rebuilder replace those.
        if (search.UsesElasticsearch)
            builder.Services.AddElasticsearchPublicSearch();
    }
}
