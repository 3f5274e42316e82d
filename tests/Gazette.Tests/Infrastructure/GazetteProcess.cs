using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Gazette.Infrastructure;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The real app as a process of its own, as an operator starts it (<c>dotnet Gazette.dll</c>): the site
/// on a free port, or a verb. Its console output is kept as it comes for the test to read, and it can be
/// killed outright (SIGKILL, no shutdown at all) and started again on the same port, or asked to stop
/// (SIGTERM, as systemd does).
/// </summary>
public sealed class GazetteProcess : IDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly StringBuilder _output = new();
    private Process _process;

    private GazetteProcess(ProcessStartInfo start, int port)
    {
        _start = start;
        Port = port;
        _process = Launch();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
    }

    /// <summary>The port the site listens on (0 for a verb).</summary>
    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>A client for the site, which does not follow redirects.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to its console so far, standard output and error as they came.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the site on a free port.</summary>
    /// <param name="data">The data folder, also the folder it is started from (as the systemd unit does).</param>
    /// <param name="settings">Settings, as environment variables.</param>
    /// <param name="app">Another copy of Gazette.dll to run (a published one); the one the tests are built against when null.</param>
    public static GazetteProcess StartSite(string data, IReadOnlyDictionary<string, string> settings, string? app = null)
    {
        var port = TestTools.FreePort();
        var start = StartInfo(data, settings, "--urls", $"http://127.0.0.1:{port}");
        if (app is not null)
        {
            start.ArgumentList[0] = app;
        }
        return new GazetteProcess(start, port);
    }

    /// <summary>Starts a verb (<c>import wordpress FILE</c>…) with its data in <paramref name="data"/>.</summary>
    public static GazetteProcess StartVerb(string data, IReadOnlyDictionary<string, string> settings, params string[] args) =>
        new(StartInfo(data, settings, args), 0);

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
                Assert.Fail($"the app on port {Port} stopped while starting:\n{await OutputAsync()}");
            }
            try
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                if ((await Client.GetAsync(new Uri(HealthChecks.ReadyPath, UriKind.Relative), wait.Token)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the app on port {Port} did not become ready:\n{Output}");
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>Kills the site and starts it again on the same port, with the same settings; waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process.Dispose();
        _process = Launch();
        await WaitUntilReadyAsync();
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

    /// <summary>Everything it wrote, once it has ended (its last lines read too).</summary>
    public async Task<string> OutputAsync()
    {
        if (!_process.HasExited)
        {
            return "(still running)";
        }
        // Returns once the redirected output has been read to its end.
        await _process.WaitForExitAsync();
        return Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        Client.Dispose();
        _process.Dispose();
    }

    private Process Launch()
    {
        var process = new Process { StartInfo = _start };
        // Read as it comes, so that a full pipe never stalls the app and a test can read the log while it runs.
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
