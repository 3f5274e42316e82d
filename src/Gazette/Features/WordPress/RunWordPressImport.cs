namespace Gazette.Features.WordPress;

/// <summary><c>import wordpress FILE.xml [--uploads DIR]</c>: imports an export and prints the report.</summary>
internal static class RunWordPressImport
{
    public const string Usage = "Usage: import wordpress FILE.xml [--uploads DIR]";

    public static async Task<int> RunAsync(IServiceProvider services, string file, IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        string? uploads = null;
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] == "--uploads" && i + 1 < options.Count)
            {
                uploads = options[++i];
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
}
