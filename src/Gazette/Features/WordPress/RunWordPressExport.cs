using Gazette.Infrastructure;

namespace Gazette.Features.WordPress;

/// <summary><c>export wordpress FILE.xml</c>: writes the whole site as a WordPress export (WXR 1.2).</summary>
internal static class RunWordPressExport
{
    public static async Task<int> RunAsync(IServiceProvider services, string file, TextWriter output, TextWriter error)
    {
        var full = Path.GetFullPath(file);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            await error.WriteLineAsync($"The folder \"{folder}\" does not exist.");
            return 2;
        }
        var partial = full + ".partial";
        await using var scope = services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<ExportWordPress>();
        try
        {
            await using (var stream = File.Create(partial))
            {
                await export.ExecuteAsync(stream, CancellationToken.None);
            }
            // A finished file only: an interrupted export never leaves a half-written one under the name asked for.
            File.Move(partial, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            await error.WriteLineAsync($"Could not write \"{full}\": {e.Message}");
            return 1;
        }
        await output.WriteLineAsync($"Exported the site to {full} (WXR 1.2).");
        var address = scope.ServiceProvider.GetRequiredService<SiteAddress>();
        if (!address.IsKnown)
        {
            await output.WriteLineAsync(
                $"The site's address is not known yet, so the export names its images at {address.Base}, where WordPress cannot fetch them. "
                + "Set Gazette__Site__Url to the address readers use (or sign in once as an Administrator under it), then export again.");
        }
        return 0;
    }
}
