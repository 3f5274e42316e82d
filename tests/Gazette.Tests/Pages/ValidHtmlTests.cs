using System.Diagnostics;
using System.Text.Json;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Pages;

/// <summary>
/// The pages readers land on pass the Nu HTML Checker (vnu.jar, the W3C validator's engine, from
/// npm's vnu-jar in tests/tools; ./test.sh installs it and Java). The page is piped in: the checker
/// will not fetch loopback addresses itself.
/// </summary>
public sealed class ValidHtmlTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task TheArticlePageAndItsNeighboursHaveNoHtmlErrors()
    {
        var article = await app.CreateArticleAsync(a =>
        {
            a.FeaturedImageUrl = "/demo/harbour-dawn.jpg";
            a.FeaturedImageAlt = "A harbour at dawn";
            a.FeaturedImageCredit = "Gazette demo illustration";
            a.Body = "## Section\n\nWords & [a link](https://example.org).\n\n| A |\n|:--|\n| 1 |";
        });
        await app.AddCommentAsync(article);
        await app.AddCommentAsync(article, c => c.Text = "A reply with <b>markup</b> & an emoji 🚢");
        var reader = app.CreateBrowser();

        foreach (var url in new[] { GazetteApp.UrlOf(article), await app.DemoArticleUrlAsync(), "/", "/author/mara-lindqvist", "/category/harbour" })
        {
            var html = await reader.GetStringAsync(new Uri(url, UriKind.Relative));
            var errors = await CheckAsync(html);
            Assert.True(errors.Count == 0, $"{url}: {string.Join(Environment.NewLine, errors)}");
        }
    }

    private static async Task<IReadOnlyList<string>> CheckAsync(string html)
    {
        var jar = Path.Combine(TestTools.Directory(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        Assert.True(File.Exists(jar), $"{jar} is missing: run ./test.sh, which installs tests/tools with npm ci.");
        var start = new ProcessStartInfo("java", ["-jar", jar, "--errors-only", "--format", "json", "-"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var checker = Process.Start(start)!;
        var output = checker.StandardOutput.ReadToEndAsync();
        var report = checker.StandardError.ReadToEndAsync();
        await checker.StandardInput.WriteAsync(html);
        checker.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await checker.WaitForExitAsync(timeout.Token);
        await output;
        // With --format json the checker writes its report to standard error.
        using var json = JsonDocument.Parse(await report);
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"line {(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
            .ToList();
    }
}
