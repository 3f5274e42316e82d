using System.Data.Common;
using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// An import queued from the staff area survives the instance running it going away mid-way, killed (SIGKILL)
/// or stopped (SIGTERM): the real app runs as processes sharing one database and one data folder; once the
/// first has been quiet for the configured period, another takes the job up, resumes it where its batches
/// stopped and finishes it, with the whole export in, once, and counted in the report.
/// </summary>
public sealed class ResumingAnImportJobElsewhere
{
    private const int Posts = 1500;
    private const int CommentsPerPost = 10;

    [Fact]
    public async Task OnPostgreSqlAJobWhoseInstanceWasKilledIsFinishedByAnother()
    {
        var site = WithAShortQuietPeriod(ImportTestSite.OnPostgreSql());
        using var first = GazetteProcess.StartSite(site.Data, site.Settings);
        var (export, articlesBefore) = await QueueWhenReadyAsync(site, first);

        await WhenWritingAsync(site, articlesBefore);
        await first.KillAsync();
        await AssertLeftMidwayAsync(site, articlesBefore);

        await FinishElsewhereAsync(site, export, articlesBefore, await ClaimedByAsync(site));
    }

    [Fact]
    public async Task OnSqliteAJobRunningWhenTheSiteStopsStopsCleanlyAndIsFinishedAfterARestart() =>
        await StopMidwayAndFinishAsync(WithAShortQuietPeriod(ImportTestSite.OnSqlite()));

    [Fact]
    public async Task OnPostgreSqlAJobRunningWhenTheSiteStopsStopsCleanlyAndIsFinishedByAnother() =>
        await StopMidwayAndFinishAsync(WithAShortQuietPeriod(ImportTestSite.OnPostgreSql()));

    /// <summary>
    /// A stop while the job runs: the import is cancelled between or inside a batch (which is then not
    /// committed), the app exits 0 without logging an error, and the job is left running, not failed.
    /// </summary>
    private static async Task StopMidwayAndFinishAsync(ImportTestSite site)
    {
        using var first = GazetteProcess.StartSite(site.Data, site.Settings);
        var (export, articlesBefore) = await QueueWhenReadyAsync(site, first);

        await WhenWritingAsync(site, articlesBefore);
        await first.TerminateAsync();
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(25)), "the app did not stop within its shutdown timeout");
        var output = await first.OutputAsync();
        Assert.Equal(0, first.ExitCode);
        var stopping = output.IndexOf("Application is shutting down", StringComparison.Ordinal);
        Assert.True(stopping >= 0, output);
        foreach (var trouble in new[] { "fail:", "crit:", "Unhandled exception" })
        {
            Assert.False(output.IndexOf(trouble, stopping, StringComparison.Ordinal) >= 0, $"the app logged \"{trouble}\" while stopping:\n{output[stopping..]}");
        }
        await AssertLeftMidwayAsync(site, articlesBefore);

        await FinishElsewhereAsync(site, export, articlesBefore, await ClaimedByAsync(site));
    }

    private static ImportTestSite WithAShortQuietPeriod(ImportTestSite site)
    {
        site.Settings["Gazette__WordPress__ImportQuietSeconds"] = "5";
        return site;
    }

    /// <summary>Once the site is up, saves a generated export in the shared data folder and queues its import, as the staff area's import page does.</summary>
    private static async Task<(string Export, long ArticlesBefore)> QueueWhenReadyAsync(ImportTestSite site, GazetteProcess app)
    {
        await app.WaitUntilReadyAsync();
        // The demo article and whatever else a new site starts with.
        var articlesBefore = await site.ArticlesAsync();
        var folder = Directory.CreateDirectory(Path.Combine(site.Data, "imports")).FullName;
        var export = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".xml");
        await using (var stream = File.Create(export))
        {
            GenerateWordPressExport.Write(stream, Posts, Posts * CommentsPerPost);
        }
        await using var db = await site.OpenAsync(write: true);
        await using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO "ImportJobs" ("State", "StartedBy", "StartedAt", "ExportPath", "DownloadAttachments", "Stage", "Done", "Total")
            VALUES (@state, 'editor', @now, @export, FALSE, 'Waiting', 0, 0)
            """;
        Add(command, "state", (int)ImportJobState.Queued);
        Add(command, "now", DateTime.UtcNow);
        Add(command, "export", export);
        await command.ExecuteNonQueryAsync();
        return (export, articlesBefore);
    }

    /// <summary>Waits until the import has committed a batch, and a moment more.</summary>
    private static async Task WhenWritingAsync(ImportTestSite site, long articlesBefore)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await site.ArticlesAsync() == articlesBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first instance wrote nothing of the import");
            await Task.Delay(20);
        }
        await Task.Delay(Random.Shared.Next(0, 300));
    }

    private static async Task AssertLeftMidwayAsync(ImportTestSite site, long articlesBefore)
    {
        var written = await site.ArticlesAsync() - articlesBefore;
        Assert.True(written is > 0 and < Posts, $"the instance was meant to go mid-way, but {written} of {Posts} articles were written");
        // Not finished, and not failed: left for an instance to take up.
        Assert.Equal((long)ImportJobState.Running, await site.ScalarAsync("""SELECT "State" FROM "ImportJobs" """));
    }

    /// <summary>Starts another instance, which takes the job up once the first has been quiet, and checks what it finished.</summary>
    private static async Task FinishElsewhereAsync(ImportTestSite site, string export, long articlesBefore, string? claimedByTheFirst)
    {
        var written = await site.ArticlesAsync() - articlesBefore;
        using var second = GazetteProcess.StartSite(site.Data, site.Settings);
        await second.WaitUntilReadyAsync();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!Equals(await site.ScalarAsync("""SELECT "State" FROM "ImportJobs" """), (long)ImportJobState.Finished))
        {
            Assert.True(DateTime.UtcNow < deadline, "the second instance did not finish the job");
            await Task.Delay(200);
        }

        Assert.NotEqual(claimedByTheFirst, await ClaimedByAsync(site));
        var report = ImportReport.FromJson((string)(await site.ScalarAsync("""SELECT "Report" FROM "ImportJobs" """))!);
        Assert.True(report.Succeeded, report.ToString());
        // The report of the run that finished: what it imported, and what the first had already.
        Assert.Equal(Posts, report.ByKind["posts"].Imported + report.ByKind["posts"].Skipped);
        Assert.Equal(written, report.ByKind["posts"].Skipped);
        Assert.Contains(report.SkipsByReason, r => r.Key == "posts: already imported" && r.Value == written);
        Assert.Equal(Posts * CommentsPerPost, report.ByKind["comments"].Imported + report.ByKind["comments"].Skipped);
        Assert.Equal(0, report.ByKind["posts"].Failed + report.ByKind["comments"].Failed);
        // And the site holds the whole export, once.
        Assert.Equal(articlesBefore + Posts, await site.ArticlesAsync());
        Assert.Equal(articlesBefore + Posts, await site.ScalarAsync("""SELECT COUNT(DISTINCT "Slug") FROM "Articles" """));
        Assert.Equal((long)Posts, await site.ScalarAsync("""SELECT COUNT(*) FROM "ImportedItems" WHERE "Kind" = 'item'"""));
        Assert.Equal((long)Posts * CommentsPerPost, await site.ScalarAsync("""SELECT COUNT(*) FROM "ImportedItems" WHERE "Kind" = 'comment'"""));
        Assert.Equal((long)Posts * CommentsPerPost, await site.ScalarAsync("""
            SELECT COUNT(*) FROM (SELECT DISTINCT "ArticleId", "Text" FROM "Comments" WHERE "ModerationReason" = 'Imported from WordPress.') d
            """));
        Assert.False(File.Exists(export), "the job's export was left in the data folder");
    }

    private static async Task<string?> ClaimedByAsync(ImportTestSite site) =>
        await site.ScalarAsync("""SELECT "ClaimedBy" FROM "ImportJobs" """) as string;

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
