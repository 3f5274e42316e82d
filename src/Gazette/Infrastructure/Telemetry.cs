using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gazette.Infrastructure;

/// <summary>What an operator reads off the running site (<c>Gazette:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Gazette:Metrics";

    /// <summary>Serve Prometheus metrics at <c>/metrics</c>. Off, nothing is measured.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A port of their own for the metrics, outside the site (none of its middleware, host names or
    /// HTTPS redirection). Without one, <c>/metrics</c> is served on the site's port to this machine only.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Where the metrics port listens: <c>*</c> (every interface, the default), or one address or host name.</summary>
    public string Host { get; set; } = "*";
}

/// <summary>
/// Metrics for Prometheus and traces over OTLP, through OpenTelemetry; JSON console logs on request.
/// <list type="bullet">
/// <item><c>Gazette:Metrics:Enabled</c>: request rate and latency (ASP.NET Core's own
/// <c>http.server.request.duration</c>), the runtime (GC, thread pool), and <see cref="GazetteMetrics"/>.
/// With <c>Gazette:Metrics:Port</c>, served on that port alone; without, at <c>/metrics</c> on the
/// site's port, answered only to a request made on this machine, not through a proxy.</item>
/// <item><c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>Gazette:Telemetry:OtlpEndpoint</c>): a trace of
/// each request and of the HTTP calls it makes, sent there.</item>
/// <item><c>Gazette:Logging:Json</c>: the console log as one JSON object a line.</item>
/// </list>
/// Off (the default), no OpenTelemetry is registered at all.
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointKey = "Gazette:Telemetry:OtlpEndpoint";

    public static WebApplicationBuilder AddGazetteTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GazetteMetrics>();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(m => m.Port is null or (> 0 and <= 65535), $"{MetricsOptions.Section}:Port must be between 1 and 65535.")
            .ValidateOnStart();
        if (builder.Configuration.GetValue<bool>("Gazette:Logging:Json"))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                json.UseUtcTimestamp = true;
            });
        }

        var metrics = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var ownEndpoint = builder.Configuration[OtlpEndpointKey];
        if (!string.IsNullOrWhiteSpace(ownEndpoint) && !Uri.TryCreate(ownEndpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"{OtlpEndpointKey} must be an address such as http://collector:4317.");
        }
        var tracing = !string.IsNullOrWhiteSpace(otlpEndpoint) || !string.IsNullOrWhiteSpace(ownEndpoint);
        if (!metrics.Enabled && !tracing)
        {
            return builder;
        }
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("gazette"));
        if (metrics.Enabled)
        {
            telemetry.WithMetrics(meters =>
            {
                // Not Kestrel's meter: its connection metrics are labelled with the addresses listened on.
                meters.AddMeter(GazetteMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "System.Runtime");
                // Each scrape reads the current values: Prometheus asks every few seconds at most.
                if (metrics.Port is { } port)
                {
                    meters.AddPrometheusHttpListener(listener =>
                    {
                        listener.Port = port;
                        listener.ScrapeEndpointPath = MetricsPath;
                        listener.ScrapeResponseCacheDurationMilliseconds = 0;
                        // The exporter takes its host for a URI's, where * (every interface) is no host name:
                        // the listener is given its address here instead.
                        listener.ConfigureHttpListener = (_, http) =>
                        {
                            http.Prefixes.Clear();
                            http.Prefixes.Add($"http://{metrics.Host}:{port}/");
                        };
                    });
                }
                else
                {
                    meters.AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
        }
        if (tracing)
        {
            telemetry.WithTracing(traces => traces
                .AddAspNetCoreInstrumentation(requests => requests.Filter = http => !IsOperational(http.Request.Path))
                .AddHttpClientInstrumentation()
                // The standard variable is read by the exporter itself; the setting stands in for it.
                .AddOtlpExporter(otlp =>
                {
                    if (string.IsNullOrWhiteSpace(otlpEndpoint))
                    {
                        otlp.Endpoint = new Uri(ownEndpoint!);
                    }
                }));
        }
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> on the site's port when metrics are on without a port of their own.</summary>
    public static WebApplication MapGazetteTelemetry(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!metrics.Enabled)
        {
            return app;
        }
        // Made now, so its instruments are there from the first scrape.
        app.Services.GetRequiredService<GazetteMetrics>();
        if (metrics.Port is null)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null,
                configureBranchedPipeline: metricsOnly => metricsOnly.Use(FromThisMachineOnly), optionsName: null);
        }
        return app;
    }

    /// <summary>
    /// Health checks and scrapes are asked every few seconds by machines: tracing them would bury the
    /// readers' requests.
    /// </summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments(HealthChecks.AlivePath) || path.StartsWithSegments(MetricsPath);

    /// <summary>
    /// A request made on this machine, straight to the site: a reverse proxy on this machine also
    /// connects from loopback, but says whom it forwards (<c>X-Forwarded-For</c>, which
    /// <c>UseForwardedHeaders</c> turns into <c>X-Original-For</c>). Anything else gets the 404 an
    /// unknown address gets.
    /// </summary>
    private static Task FromThisMachineOnly(HttpContext context, RequestDelegate next)
    {
        var headers = context.Request.Headers;
        if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("X-Original-For") && !headers.ContainsKey("Forwarded"))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
