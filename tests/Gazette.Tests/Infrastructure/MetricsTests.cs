using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gazette.Data;
using Gazette.Features.Mail;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// OpenTelemetry gathers meters by name from the whole process, and stops reporting an instrument once
/// any meter of its name is disposed: another app of this test process, started or stopped meanwhile,
/// would blur or end the metrics these tests read. They run on their own, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}

/// <summary>Metrics on, without a port of their own: <c>/metrics</c> on the site's port, to this machine only. Through Kestrel, for a real client address.</summary>
public sealed class MetricsApp : GazetteApp
{
    public MetricsApp() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting("Gazette:Metrics:Enabled", "true");
    }

    public async Task<string> ScrapeAsync()
    {
        using var client = CreateClient();
        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (a recording on another thread, a count in the background).</summary>
    public async Task<string> ScrapeUntilAsync(Func<string, bool> done)
    {
        var scrape = await ScrapeAsync();
        for (var attempt = 0; attempt < 50 && !done(scrape); attempt++)
        {
            await Task.Delay(200);
            scrape = await ScrapeAsync();
        }
        return scrape;
    }
}

[Collection(MetricsCollection.Name)]
public sealed class ServingMetrics(MetricsApp app) : IClassFixture<MetricsApp>
{
    [Fact]
    public async Task CountsRequestsWithASPNETCoresOwnDurationHistogram()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        var scrape = await app.ScrapeUntilAsync(s => s.Contains("http_server_request_duration", StringComparison.Ordinal));

        Assert.Contains("http_server_request_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsACommentPostedByTheStateItWasPutIn()
    {
        var before = Prometheus.Sum(await app.ScrapeAsync(), "gazette_comments_posted_total");
        var email = app.Unique("metrics-reader") + "@example.org";
        var article = await app.CreateArticleAsync(a => a.Title = "Tide tables for the winter");
        var url = GazetteApp.UrlOf(article);

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        var posted = await client.PostFormAsync(url, url, new()
        {
            ["Form.Name"] = "Agnes", ["Form.Email"] = email, ["Form.Text"] = "Printed copies at the harbour office? " + app.Unique("c"),
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var scrape = await app.ScrapeUntilAsync(s => Prometheus.Sum(s, "gazette_comments_posted_total") > before);
        Assert.Equal(before + 1, Prometheus.Sum(scrape, "gazette_comments_posted_total"));
        Assert.Contains(Prometheus.Lines(scrape, "gazette_comments_posted_total"),
            line => line.Contains("status=\"pending\"", StringComparison.Ordinal) || line.Contains("status=\"approved\"", StringComparison.Ordinal));
        // Nothing of the reader, nor of the article, in the labels.
        Assert.DoesNotContain("@", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("Tide tables", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(article.Slug, scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsPageCacheMissesAndHits()
    {
        var before = await app.ScrapeAsync();
        var article = await app.CreateArticleAsync();
        using var reader = app.CreateClient();

        // The first reader has the page rendered and stored; the second is served what was stored.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative))).StatusCode);

        var after = await app.ScrapeUntilAsync(s => Hits(s) > Hits(before));
        Assert.True(Misses(after) >= Misses(before) + 1, after);
        Assert.True(Hits(after) >= Hits(before) + 1, after);

        static double Hits(string scrape) => Prometheus.Sum(scrape, "gazette_page_cache_requests_total", "result=\"hit\"");
        static double Misses(string scrape) => Prometheus.Sum(scrape, "gazette_page_cache_requests_total", "result=\"miss\"");
    }

    [Fact]
    public async Task CountsAnOutboxMessageThatCouldNotBeSentAndTheOutboxDepth()
    {
        var before = Prometheus.Sum(await app.ScrapeAsync(), "gazette_outbox_failures_total");
        var to = app.Unique("someone") + "@example.org";
        await app.WithDbAsync(db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                To = to, Subject = "Hello", Body = "Nothing listens on the discard port.", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        // The background sender may get there first: either way the attempt fails, and is counted.
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

        var scrape = await app.ScrapeUntilAsync(s =>
            Prometheus.Sum(s, "gazette_outbox_failures_total") > before && Prometheus.Sum(s, "gazette_outbox_depth") >= 1);
        Assert.True(Prometheus.Sum(scrape, "gazette_outbox_failures_total", "reason=\"server\"") >= 1, scrape);
        Assert.True(Prometheus.Sum(scrape, "gazette_outbox_depth") >= 1, scrape);
        Assert.DoesNotContain(to, scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersNothingToARequestAProxyForwarded()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("gazette_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsNeverStoredByThePageCache()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }
}

[Collection(MetricsCollection.Name)]
public sealed class MetricsSwitchedOff
{
    [Fact]
    public async Task AnswerNotFound()
    {
        using var app = new SqliteApp();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(MetricsCollection.Name)]
public sealed class MetricsOnAPortOfTheirOwn
{
    [Fact]
    public async Task AreServedThereAndNotOnTheSitesPort()
    {
        using var app = new PortApp();
        using var site = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        var onTheSite = await site.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.MetricsPort}") };
        var onTheirPort = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, onTheSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onTheirPort.StatusCode);
        Assert.Contains("http_server_request_duration", await onTheirPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class PortApp : GazetteApp
    {
        public PortApp()
        {
            MetricsPort = TestTools.FreePort();
        }

        public int MetricsPort { get; }

        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Gazette:Metrics:Enabled", "true");
            builder.UseSetting("Gazette:Metrics:Port", MetricsPort.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Gazette:Metrics:Host", "127.0.0.1");
        }
    }
}

/// <summary>Reads the Prometheus text format, enough for tests.</summary>
internal static class Prometheus
{
    public static IEnumerable<string> Lines(string scrape, string metric) =>
        scrape.Split('\n').Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal));

    /// <summary>The sum of the samples of <paramref name="metric"/> (with <paramref name="label"/>, such as <c>result="hit"</c>); 0 when there are none.</summary>
    public static double Sum(string scrape, string metric, string? label = null) =>
        Lines(scrape, metric)
            .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
            .Sum(ValueOf);

    /// <summary><c>name{labels} value [timestamp]</c>, or <c>name value [timestamp]</c>.</summary>
    private static double ValueOf(string line)
    {
        var rest = line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

[Collection(MetricsCollection.Name)]
public sealed class TracingRequests
{
    [Fact]
    public async Task TracesEachRequestOnceAnOtlpEndpointIsSetButNotTheHealthChecks()
    {
        var spans = new List<Activity>();
        using var app = new TracingApp(spans);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        // A request's span ends as the server lets go of it, a moment after the answer is sent.
        Activity[] requests = [];
        for (var attempt = 0; attempt < 50 && !requests.Any(s => s.GetTagItem("url.path") as string == "/"); attempt++)
        {
            await Task.Delay(100);
            lock (spans)
            {
                requests = spans.Where(s => s.Kind == ActivityKind.Server).ToArray();
            }
        }
        Assert.Contains(requests, s => s.GetTagItem("url.path") as string == "/");
        Assert.DoesNotContain(requests, s => s.GetTagItem("url.path") as string == "/healthz");
    }

    private sealed class TracingApp(List<Activity> spans) : GazetteApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder)
        {
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
            // Nothing listens there: the OTLP exporter's sends fail quietly, the in-memory one keeps the spans.
            builder.UseSetting(Telemetry.OtlpEndpointKey, "http://127.0.0.1:9");
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(spans)));
        }
    }
}
