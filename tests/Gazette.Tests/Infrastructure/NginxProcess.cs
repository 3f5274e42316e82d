using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A real nginx (the binary ./test.sh installs, named by GAZETTE_TEST_NGINX) on a loopback port, in front
/// of the given app ports with round robin. Its `location /` includes deploy/nginx-gazette-proxy.conf as
/// the repository has it, the same file production's deploy/nginx.conf includes. Everything it writes
/// (pid, logs, temp files) stays in a folder of its own, removed on dispose.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    public const string Variable = "GAZETTE_TEST_NGINX";

    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Address { get; }

    /// <summary>The proxy settings production uses, from the repository this test was built from.</summary>
    public static string ProxySettingsFile => Path.Combine(TestTools.RepositoryRoot(), "deploy", "nginx-gazette-proxy.conf");

    public static async Task<NginxProcess> StartAsync(int port, params int[] upstreams)
    {
        var binary = Environment.GetEnvironmentVariable(Variable);
        Assert.False(string.IsNullOrEmpty(binary), $"{Variable} is not set: run ./test.sh, which installs nginx for the tests.");
        var folder = Directory.CreateTempSubdirectory("gazette-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Run as root, nginx's workers drop to an unprivileged user, which must reach its temp folders here.
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        var configuration = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(folder, port, upstreams));
        var start = new ProcessStartInfo(binary!, ["-p", folder + "/", "-c", configuration, "-e", Path.Combine(folder, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var nginx = new NginxProcess(process, folder, port);
        await nginx.WaitUntilListeningAsync(port);
        return nginx;
    }

    /// <summary>What nginx logged (errors, and which upstream failed).</summary>
    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// The small part that differs from deploy/nginx.conf: loopback ports instead of TLS and a host name,
    /// and everything in a folder of the test's own. The `location /` is the production include, verbatim.
    /// </summary>
    private static string Configuration(string folder, int port, int[] upstreams) => string.Create(CultureInfo.InvariantCulture, $$"""
        daemon off;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events { worker_connections 512; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            # The upstream deploy/nginx-gazette-proxy.conf proxies to: every instance, round robin.
            upstream gazette {
        {{string.Concat(upstreams.Select(u => $"        server 127.0.0.1:{u};\n"))}}        keepalive 16;
            }
            server {
                listen 127.0.0.1:{{port}};
                client_max_body_size 1100m;
                location / {
                    include {{ProxySettingsFile}};
                }
                location = /admin/backup/restore {
                    include {{ProxySettingsFile}};
                    client_max_body_size 64g;
                    proxy_request_buffering off;
                }
            }
        }
        """);

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"nginx stopped while starting:\n{ErrorLog}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nginx did not listen on {port}:\n{ErrorLog}");
    }
}
