using System.Globalization;

namespace Gazette.Features.WordPress;

/// <summary>
/// <c>import wordpress FILE.xml [--uploads DIR] [--check]</c>: imports an export and prints the report;
/// with <c>--check</c>, only reads the whole file as the import's first pass does, and writes nothing.
/// </summary>
internal static class RunWordPressImport
{
    public const string Usage = "Usage: import wordpress FILE.xml [--uploads DIR] [--check]";

    public static async Task<int> RunAsync(IServiceProvider services, string file, IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        string? uploads = null;
        var checkOnly = false;
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] == "--uploads" && i + 1 < options.Count)
            {
                uploads = options[++i];
            }
            else if (options[i] == "--check")
            {
                checkOnly = true;
            }
            else
            {
                await error.WriteLineAsync($"Unknown option {options[i]}.\n{Usage}");
                return 2;
            }
        }
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"There is no file \"{file}\".");
            return 2;
        }
        if (checkOnly)
        {
            return await CheckAsync(file, output, error);
        }
        await using var scope = services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
        var lastShown = -1;
        var progress = new Progress<ImportProgress>(p =>
        {
            var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
            if (p.Stage == "Importing" && percent / 10 != lastShown / 10)
            {
                lastShown = percent;
                error.WriteLine($"  {p.Done}/{p.Total} items");
            }
        });
        var report = await import.ExecuteAsync(file, uploads, progress, CancellationToken.None);
        await (report.Succeeded ? output : error).WriteAsync(report.ToString());
        return report.Succeeded ? 0 : 1;
    }

    private static async Task<int> CheckAsync(string file, TextWriter output, TextWriter error)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            var summary = WxrValidator.Validate(stream);
            var site = summary.Channel.Title.Length > 0 ? summary.Channel.Title : summary.Channel.Link;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"The file reads as a WordPress export of \"{site}\": {summary.Items:N0} items and {summary.Comments:N0} comments. Nothing was written."));
            return 0;
        }
        catch (WxrFormatException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"The file could not be read: {e.Message}");
            return 1;
        }
    }
}
