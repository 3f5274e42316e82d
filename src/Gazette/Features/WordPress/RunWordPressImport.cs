using System.Globalization;

namespace Gazette.Features.WordPress;

/// <summary>
/// <c>import wordpress FILE.xml [--uploads DIR|ZIP] [--download-attachments] [--admin LOGIN] [--check]</c>: imports an
/// export and prints the report. Attachments' files come from WordPress's uploads folder (or a zip of
/// it), then from the old site; with <c>--check</c>, the file is only read through and nothing is written.
/// </summary>
internal static class RunWordPressImport
{
    public const string Usage = "Usage: import wordpress FILE.xml [--uploads DIR|ZIP] [--download-attachments] [--admin LOGIN] [--check]";

    public static async Task<int> RunAsync(IServiceProvider services, string file, IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        string? uploads = null;
        string? admin = null;
        var checkOnly = false;
        var download = false;
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] == "--uploads" && i + 1 < options.Count)
            {
                uploads = options[++i];
            }
            else if (options[i] == "--admin" && i + 1 < options.Count)
            {
                admin = options[++i];
            }
            else if (options[i] == "--download-attachments")
            {
                download = true;
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
        if (uploads is not null && !Directory.Exists(uploads) && !(File.Exists(uploads) && IsZip(uploads)))
        {
            await error.WriteLineAsync($"There is no uploads folder \"{uploads}\": give WordPress's wp-content/uploads folder, or a .zip of it.");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
        var scratch = Path.Combine(Path.GetTempPath(), "gazette-uploads-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = await AttachmentFiles.ChooseAsync(scope.ServiceProvider, uploads, download, scratch, CancellationToken.None);
            var code = await ImportAsync(import, file, files, output, error);
            // Whatever came in, the owner keeps the keys: the site is left with an Administrator who can sign in.
            var adminFound = await Setup.FirstRun.EnsureAdministratorAsync(services, admin, output);
            return code != 0 ? code : adminFound ? 0 : 1;
        }
        catch (WxrFormatException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static async Task<int> ImportAsync(ImportWordPress import, string file, AttachmentFiles? files, TextWriter output, TextWriter error)
    {
        var lastShown = -1;
        var progress = new InlineProgress(p =>
        {
            var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
            if (p.Stage == "Importing" && percent / 10 != lastShown / 10)
            {
                lastShown = percent;
                error.WriteLine($"  {p.Done}/{p.Total} items");
            }
        });
        var report = await import.ExecuteAsync(file, files, progress, CancellationToken.None);
        await (report.Succeeded ? output : error).WriteAsync(report.ToString());
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// Reports on the importing thread. <see cref="Progress{T}"/> posts each report to the thread pool,
    /// so a late one could write after the import returned, once <c>error</c> was closed (which
    /// crashed the test host) or after the report on a console.
    /// </summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
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
            // What a real export's slips needed (the lenient reader, ids WordPress settles), as the import would report it.
            foreach (var note in summary.Notes)
            {
                await output.WriteLineAsync("  " + note);
            }
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
