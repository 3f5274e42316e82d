using System.Net;
using System.Net.Sockets;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Where the tests find the repository's own files: <c>deploy/</c>, the README, the app's project, and
/// <c>tests/tools</c>, the npm packages the tests run on what Gazette serves (an independent feed parser,
/// the Nu HTML Checker; ./test.sh installs them with <c>npm ci</c> when they are missing).
/// </summary>
public static class TestTools
{
    /// <summary>The folder holding Gazette.slnx, above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gazette.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("no Gazette.slnx above " + AppContext.BaseDirectory);
    }

    /// <summary>A loopback port nothing listens on now (reserved, then freed for the caller to listen on).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static string Directory()
    {
        var tools = Path.Combine(RepositoryRoot(), "tests", "tools");
        if (!File.Exists(Path.Combine(tools, "package.json")))
        {
            throw new InvalidOperationException("tests/tools/package.json not found in " + RepositoryRoot());
        }
        return tools;
    }
}
