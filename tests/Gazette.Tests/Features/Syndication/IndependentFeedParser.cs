using System.Diagnostics;
using System.Text.Json;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.Syndication;

/// <summary>
/// Runs <c>tests/tools/parse-feed.mjs</c>, which parses a feed with @extractus/feed-extractor
/// from npm (a parser that shares nothing with .NET), and returns what it understood.
/// ./test.sh installs the tool (<c>npm ci</c>) when its node_modules are missing.
/// </summary>
public static class IndependentFeedParser
{
    public sealed record Feed(string Title, string Link, IReadOnlyList<Entry> Entries);

    public sealed record Entry(string Id, string Title, string Link, string Published, string? Author);

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static async Task<Feed> ParseAsync(string feed)
    {
        var tools = TestTools.Directory();
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "@extractus")),
            $"The npm parser is not installed: run `npm ci` in {tools} (./test.sh does it).");
        var start = new ProcessStartInfo("node", ["parse-feed.mjs"])
        {
            WorkingDirectory = tools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(feed);
        node.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"node parse-feed.mjs failed: {await errors}");
        return JsonSerializer.Deserialize<Feed>(await output, Options) ?? throw new InvalidOperationException("no output");
    }
}
