using System.Diagnostics;
using System.Net;
using System.Text;
using Gazette.Infrastructure;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The real app as a process of its own (<c>dotnet Gazette.dll --urls …</c>), as an operator runs it:
/// it can be killed with no warning (SIGKILL) and started again on the same port.
/// </summary>
public sealed class GazetteProcess : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process _process;

    private GazetteProcess(int port, IReadOnlyDictionary<string, string> environment)
    {
        Port = port;
        _environment = environment;
        _process = Launch();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Everything the process wrote to its console so far (its log).</summary>
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

    /// <summary>Starts the app on <paramref name="port"/> and waits until it answers ready.</summary>
    public static async Task<GazetteProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment)
    {
        var app = new GazetteProcess(port, environment);
        await app.WaitUntilReadyAsync();
        return app;
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed, requests in flight cut off.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the app again on the same port (and settings) after a kill.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process.Dispose();
        _process = Launch();
        await WaitUntilReadyAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(GazetteOptions).Assembly.Location, "--urls", Address.GetLeftPart(UriPartial.Authority)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _environment["Gazette__DataDirectory"],
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        // Read as it comes, so that a full pipe never stalls the app and a failure can show its log.
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

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"the app on port {Port} stopped while starting:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri(HealthChecks.ReadyPath, UriKind.Relative))).StatusCode == HttpStatusCode.OK)
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
}
