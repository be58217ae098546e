using Sextant.Server.Metrics;

namespace Sextant.Server.Monitoring;

/// <summary>Registers the server's monitoring: the runner of checks and alert changes, the scheduled checks, and the gauges in <c>/metrics</c>.</summary>
public static class MonitoringServices
{
    public static IServiceCollection AddSextantMonitoring(this IServiceCollection services, ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var monitoring = new MonitoringMetrics();
        metrics.MoreExposition = monitoring.WriteTo;
        services.AddSingleton(monitoring);
        services.AddSingleton<AutomaticRetrain>();
        services.AddSingleton<MonitoringRunner>();
        services.AddHostedService<ScheduledChecks>();
        return services;
    }
}
