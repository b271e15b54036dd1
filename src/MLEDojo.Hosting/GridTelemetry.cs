using MLEDojo.Grains.Metrics;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace MLEDojo.Hosting;

/// <summary>
/// With metrics.prometheusPort set, the silo serves OpenTelemetry metrics in Prometheus' text format at
/// http://*:port/metrics: the grid's (<see cref="GridMetrics"/>: open episodes, steps, execution durations and
/// outcomes, queue per device) and Orleans' own (meter Microsoft.Orleans: messaging, activations, ...).
/// </summary>
public static class GridTelemetry
{
    public const string OrleansMeter = "Microsoft.Orleans";

    public static void Add(ISiloBuilder silo, DojoSiloOptions options)
    {
        var port = options.Metrics.PrometheusPort;
        if (port == 0) return;
        silo.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GridMetrics.MeterName, OrleansMeter)
            .AddPrometheusHttpListener(o =>
            {
                o.Port = port;
                // The exporter's Host is one name (localhost by default); Prometheus scrapes the pod or node address.
                o.ConfigureHttpListener = (_, listener) =>
                {
                    listener.Prefixes.Clear();
                    listener.Prefixes.Add($"http://*:{port}/");
                };
            }));
    }
}
