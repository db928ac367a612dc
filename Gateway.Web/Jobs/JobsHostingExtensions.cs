namespace Gateway.Web.Jobs;

/// <summary>
/// Hangfire: the job storage for the configured provider, this instance's job server, the jobs, run
/// recording, the probe queue, the recurring schedules, the <c>/readyz</c> check and the admin-only dashboard.
/// </summary>
internal static class JobsHostingExtensions
{
    public static WebApplicationBuilder AddGatewayJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<GatewayOptions>, JobScheduleValidator>();
        services.AddSingleton<CooldownExpiry>();
        services.AddSingleton<DataRetention>();
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<CapabilityProbeQueue>();
        services.AddSingleton<IAccountChangeListener>(sp => sp.GetRequiredService<CapabilityProbeQueue>());
        services.AddSingleton<JobsOverviewService>();

        // Hangfire's defaults for these are process-wide statics; registered first, they belong to this host, so
        // hosts sharing a process (the tests) never run each other's jobs or write to each other's storage.
        services.AddSingleton(sp => JobStorageFactory.Create(sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<IOptions<GatewayOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            var hostFilters = new JobFilterCollection();
            hostFilters.Add(sp.GetRequiredService<JobRunRecorder>(), JobRunRecorder.Order);
            return new JobFilterProviderCollection(JobFilterProviders.Providers, hostFilters);
        });
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        // Read before the options are bound: a value that is not a number is left for their start-up check to name.
        if (!int.TryParse(builder.Configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.JobWorkerCount)}"], CultureInfo.InvariantCulture, out var workers) || workers > 0)
        {
            services.AddHangfireServer((sp, server) => ConfigureServer(server, sp.GetRequiredService<IOptions<GatewayOptions>>().Value));
        }

        services.AddHostedService<RecurringJobRegistrar>();
        services.AddHealthChecks().AddCheck<JobServerHealthCheck>("jobs", HealthStatus.Degraded, ["ready"], TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>A small server: a few workers, and queued or scheduled jobs picked up within <see cref="GatewayOptions.JobPollInterval"/>.</summary>
    internal static void ConfigureServer(BackgroundJobServerOptions server, GatewayOptions options)
    {
        server.WorkerCount = options.JobWorkerCount;
        server.SchedulePollingInterval = options.JobPollInterval;
    }

    /// <summary>The Hangfire dashboard, admins only; its back link leads to the console's jobs page.</summary>
    public static WebApplication MapGatewayJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(ConsoleRoutes.HangfireDashboard, new DashboardOptions
        {
            // The default filter admits local requests only, and it runs beside AsyncAuthorization unless removed.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            AppPath = ConsoleRoutes.Jobs,
            DashboardTitle = "Gateway",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
