using System.Diagnostics;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.Backup;

/// <summary>Runs Gazette with a verb as a process of its own, exactly as an operator types it.</summary>
internal static class GazetteVerb
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = GazetteProcess.StartInfo(environment["Gazette__DataDirectory"], environment, args);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(process.ExitCode, await output, await errors);
    }
}
