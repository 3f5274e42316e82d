using Gazette.Features.Backup;
using Gazette.Features.Setup;
using Gazette.Features.Spam;
using Gazette.Features.WordPress;

namespace Gazette.Infrastructure;

/// <summary>
/// The verbs that run instead of the web server: <c>dotnet run --project src/Gazette -- VERB …</c>.
/// They use the same configuration and database as the site, after migrations.
/// </summary>
internal static class CommandLine
{
    private const string Usage = """
        Usage: dotnet run --project src/Gazette -- [VERB ...]

        With no verb, Gazette serves the site.

        Verbs:
          users reset-password USERNAME   give a staff account a new generated password
          users set-role USERNAME ROLE    make a staff account an Administrator, Editor,
                                          Author or Contributor
          spam evaluate --train TRAIN.csv --test TEST.csv
                                          train the comment classifier on one labelled CSV
                                          (text,label with label spam or ham) and print its
                                          accuracy, precision, recall and F1 on the other
          import wordpress FILE.xml [--uploads DIR] [--admin LOGIN] [--check]
                                          import a WordPress export (WXR): authors, terms,
                                          posts, pages, comments, images (from wp-content/uploads
                                          when DIR is given) and redirects from the old addresses;
                                          running it again changes nothing; --check only reads
                                          the file through and says what is wrong with it.
                                          A site left without an Administrator gets one: the
                                          imported account LOGIN (--admin), or a new "admin";
                                          its one-time password is printed
          export wordpress FILE.xml       write the whole site as a WordPress export (WXR 1.2)
          generate wordpress FILE.xml [--posts N] [--comments M]
                                          write a synthetic WordPress export, for benchmarks
          backup FILE.zip                 write the whole site (database, media, keys) into one
                                          archive with a manifest and checksums, while it runs
          restore FILE.zip [--replace]    bring a site back from a backup into an empty data
                                          folder and database; a damaged archive, one from
                                          another schema version, or a site that is not empty
                                          is refused and nothing is changed. --replace replaces
                                          a site that is not empty, after a safety backup of it
                                          in the data folder's backups/
          help                            show this text
        """;

    /// <summary>True when <paramref name="args"/> name a verb rather than web server options.</summary>
    public static bool HasVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Runs a verb that needs neither the database nor the site's services; null for any other.</summary>
    public static async Task<int?> TryRunStandaloneAsync(string[] args) => args switch
    {
        ["spam", "evaluate", .. var options] => await EvaluateSpamClassifier.RunAsync(
            options.Select((o, i) => i % 2 == 1 ? InputPath(o) : o).ToList(), Console.Out, Console.Error),
        ["generate", "wordpress", var file, .. var options] => await GenerateWordPressExport.RunAsync(
            OutputPath(file), options, Console.Out, Console.Error),
        ["help"] or ["--help"] => await PrintUsageAsync(),
        _ => null,
    };

    /// <summary>
    /// A file named on the command line. <c>dotnet run --project src/Gazette</c> starts the app in the
    /// project folder, so a relative path is also tried from the shell's folder (PWD), where the user typed it.
    /// </summary>
    public static string InputPath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }
        var shell = Environment.GetEnvironmentVariable("PWD");
        return shell is not null && File.Exists(Path.Combine(shell, path)) ? Path.Combine(shell, path) : path;
    }

    /// <summary>A file to write, named on the command line: a relative path is taken from the shell's folder (PWD).</summary>
    public static string OutputPath(string path) =>
        Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { } shell ? path : Path.Combine(shell, path);

    private static async Task<int> PrintUsageAsync()
    {
        await Console.Out.WriteLineAsync(Usage);
        return 0;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["users", "reset-password", var userName]:
                return await ResetPassword.RunAsync(app.Services, userName, Console.Out);
            case ["users", "set-role", var userName, var role]:
                return await SetRole.RunAsync(app.Services, userName, role, Console.Out);
            case ["import", "wordpress", var file, .. var options]:
                return await RunWordPressImport.RunAsync(app.Services, InputPath(file), options, Console.Out, Console.Error);
            case ["export", "wordpress", var file]:
                return await RunWordPressExport.RunAsync(app.Services, OutputPath(file), Console.Out, Console.Error);
            case ["backup", var file]:
                return await RunBackup.BackupAsync(app.Services, OutputPath(file), Console.Out, Console.Error);
            case ["restore", var file, .. var options]:
                return await RunBackup.RestoreAsync(app.Services, InputPath(file), options, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command: {string.Join(' ', args)}\n\n{Usage}");
                return 2;
        }
    }
}
