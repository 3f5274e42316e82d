using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Gazette.Infrastructure;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The real app as a process of its own, as an operator starts it (<c>dotnet Gazette.dll</c>): the site
/// on a free port, or a verb. Its output is kept for the test to read, and it can be killed outright
/// (SIGKILL, no shutdown at all) or asked to stop (SIGTERM, as systemd does).
/// </summary>
internal sealed class GazetteProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _errors;

    private GazetteProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        // Drained from the start, so a full pipe never stalls the app.
        _output = process.StandardOutput.ReadToEndAsync();
        _errors = process.StandardError.ReadToEndAsync();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <summary>The port the site listens on (0 for a verb).</summary>
    public int Port { get; }

    /// <summary>A client for the site, which does not follow redirects.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the site on a free port with its data in <paramref name="data"/>, and settings as environment variables.</summary>
    public static GazetteProcess StartSite(string data, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        return new GazetteProcess(Process.Start(StartInfo(data, settings, "--urls", $"http://127.0.0.1:{port}"))!, port);
    }

    /// <summary>Starts a verb (<c>import wordpress FILE</c>…) with its data in <paramref name="data"/>.</summary>
    public static GazetteProcess StartVerb(string data, IReadOnlyDictionary<string, string> settings, params string[] args) =>
        new(Process.Start(StartInfo(data, settings, args))!, 0);

    /// <summary>How Gazette is started: in the data folder, in Production, with <paramref name="settings"/> on top.</summary>
    public static ProcessStartInfo StartInfo(string data, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(GazetteOptions).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        start.Environment["Gazette__DataDirectory"] = data;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>The settings, with the comment limits opened: readers in a test post faster than any person (and their limits are tested elsewhere).</summary>
    public static Dictionary<string, string> WithQuickReaders(IReadOnlyDictionary<string, string> settings) => new(settings)
    {
        ["Gazette__Comments__MinimumFillSeconds"] = "0",
        ["Gazette__Comments__MaxCommentsPerAddress"] = "100000",
        ["Gazette__Comments__MaxCommentsPerEmail"] = "100000",
    };

    /// <summary>Waits until <c>/healthz/ready</c> answers 200: migrated, and listening.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the app stopped while starting:\n{await OutputAsync()}");
            }
            try
            {
                if ((await Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the app did not become ready");
    }

    /// <summary>The demo article a new site starts with, where readers comment, and where its comment form fetches its token.</summary>
    public async Task<(string ArticleUrl, string TokenUrl)> FindTheDemoArticleAsync()
    {
        var parser = new HtmlParser();
        var home = parser.ParseDocument(await Client.GetStringAsync(new Uri("/", UriKind.Relative)));
        var articleUrl = home.QuerySelector("a[href*='night-ferry-returns-to-kestrel-bay']")!.GetAttribute("href")!;
        var page = parser.ParseDocument(await Client.GetStringAsync(new Uri(articleUrl, UriKind.Relative)));
        return (articleUrl, page.QuerySelector("form.comment-form")!.GetAttribute("data-token-url")!);
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, what systemd sends on a stop: the app is asked to shut down gracefully.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end by itself; false if it has not within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Everything it wrote, standard output then standard error, once it has ended.</summary>
    public async Task<string> OutputAsync()
    {
        if (!_process.HasExited)
        {
            return "(still running)";
        }
        return await _output + await _errors;
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        Client.Dispose();
        _process.Dispose();
    }
}
