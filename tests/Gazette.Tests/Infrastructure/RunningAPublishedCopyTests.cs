using System.Diagnostics;
using System.Net;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Gazette as an operator installs it: published (<c>dotnet publish</c>) into a folder of its own and started
/// from another, its data folder, as deploy/gazette.service does. It must still find its style sheets and
/// scripts (wwwroot) beside Gazette.dll, not in the folder it was started from.
/// </summary>
public sealed class RunningAPublishedCopyTests
{
    [Fact]
    public async Task StartedFromItsDataFolderItServesItsStyleSheets()
    {
        var work = Directory.CreateTempSubdirectory("gazette-published-").FullName;
        try
        {
            var app = Path.Combine(work, "app");
            await PublishAsync(app);
            var data = Directory.CreateDirectory(Path.Combine(work, "data")).FullName;

            using var site = GazetteProcess.StartSite(data, new Dictionary<string, string>(), Path.Combine(app, "Gazette.dll"));
            await site.WaitUntilReadyAsync();
            var styles = await site.Client.GetAsync(new Uri("/css/site.css", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
            Assert.Contains("text/css", styles.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "gazette.db")), "the database is in the data folder, not beside the app");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Publishes what the test run has already built (no second build of the app).</summary>
    private static async Task PublishAsync(string output)
    {
        var project = Path.Combine(TestTools.RepositoryRoot(), "src", "Gazette");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "--no-build", "--nologo", "-v", "quiet", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var said = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await said}\n{await errors}");
    }
}
