using Gazette.Features.Setup;

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
          help                            show this text
        """;

    /// <summary>True when <paramref name="args"/> name a verb rather than web server options.</summary>
    public static bool HasVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["users", "reset-password", var userName]:
                return await ResetPassword.RunAsync(app.Services, userName, Console.Out);
            case ["help"] or ["--help"]:
                Console.Out.WriteLine(Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command: {string.Join(' ', args)}\n\n{Usage}");
                return 2;
        }
    }
}
