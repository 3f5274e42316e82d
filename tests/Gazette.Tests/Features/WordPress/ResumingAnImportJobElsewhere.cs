using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Npgsql;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// An import queued from the staff area survives the instance running it being killed: two instances of the
/// real app, as processes, share one PostgreSQL database and one data folder; the first claims the job and is
/// killed (SIGKILL) mid-way; the second, once the first has been quiet for the configured period, takes the
/// job up, resumes it where its batches stopped and finishes it, with the whole export in and counted.
/// </summary>
public sealed class ResumingAnImportJobElsewhere
{
    private const int Posts = 1500;
    private const int CommentsPerPost = 10;

    [Fact]
    public async Task AJobWhoseInstanceWasKilledIsFinishedByAnother()
    {
        var data = Directory.CreateTempSubdirectory("gazette-import-job-").FullName;
        var connection = $"{Environment.GetEnvironmentVariable(PostgreSqlApp.Variable)};Database=gazette_test_{Guid.NewGuid().ToString("N")[..12]}";
        var settings = new Dictionary<string, string>
        {
            ["Gazette__Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Gazette"] = connection,
            ["Gazette__WordPress__ImportQuietSeconds"] = "5",
        };

        using var first = GazetteProcess.StartSite(data, settings);
        await first.WaitUntilReadyAsync();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        // The demo article and whatever else a new site starts with.
        var articlesBefore = await ScalarAsync(db, """SELECT COUNT(*) FROM "Articles" """);
        var export = await QueueAsync(db, data);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await ScalarAsync(db, """SELECT COUNT(*) FROM "Articles" """) == articlesBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first instance wrote nothing of the import");
            await Task.Delay(20);
        }
        await Task.Delay(Random.Shared.Next(0, 300));
        await first.KillAsync();
        var claimedByTheFirst = await ClaimedByAsync(db);
        var written = await ScalarAsync(db, """SELECT COUNT(*) FROM "Articles" """) - articlesBefore;
        Assert.True(written is > 0 and < Posts, $"the kill was meant to land mid-way, but {written} of {Posts} articles were written");
        Assert.Equal((long)ImportJobState.Running, await ScalarAsync(db, """SELECT "State" FROM "ImportJobs" """));

        using var second = GazetteProcess.StartSite(data, settings);
        await second.WaitUntilReadyAsync();
        deadline = DateTime.UtcNow.AddMinutes(1);
        while (await ScalarAsync(db, """SELECT "State" FROM "ImportJobs" """) != (long)ImportJobState.Finished)
        {
            Assert.True(DateTime.UtcNow < deadline, "the second instance did not finish the job");
            await Task.Delay(200);
        }

        Assert.NotEqual(claimedByTheFirst, await ClaimedByAsync(db));
        var report = ImportReport.FromJson(await ReportAsync(db));
        Assert.True(report.Succeeded, report.ToString());
        // The report of the run that finished: what it imported, and what the killed run had already.
        Assert.Equal(Posts, report.ByKind["posts"].Imported + report.ByKind["posts"].Skipped);
        Assert.Equal(written, report.ByKind["posts"].Skipped);
        Assert.Equal(Posts * CommentsPerPost, report.ByKind["comments"].Imported + report.ByKind["comments"].Skipped);
        Assert.Contains(report.SkipsByReason, r => r.Key == "posts: already imported" && r.Value == written);
        Assert.Equal(0, report.ByKind["posts"].Failed + report.ByKind["comments"].Failed);
        // And the site holds the whole export, once.
        Assert.Equal(articlesBefore + Posts, await ScalarAsync(db, """SELECT COUNT(*) FROM "Articles" """));
        Assert.Equal(articlesBefore + Posts, await ScalarAsync(db, """SELECT COUNT(DISTINCT "Slug") FROM "Articles" """));
        Assert.Equal((long)Posts, await ScalarAsync(db, """SELECT COUNT(*) FROM "ImportedItems" WHERE "Kind" = 'item'"""));
        Assert.Equal((long)Posts * CommentsPerPost, await ScalarAsync(db, """SELECT COUNT(*) FROM "ImportedItems" WHERE "Kind" = 'comment'"""));
        Assert.Equal((long)Posts * CommentsPerPost, await ScalarAsync(db, """
            SELECT COUNT(*) FROM (SELECT DISTINCT c."ArticleId", c."Text" FROM "Comments" c
                JOIN "ImportedItems" i ON i."Kind" = 'comment' AND i."LocalId" = CAST(c."Id" AS TEXT)) d
            """));
        Assert.False(File.Exists(export), "the job's export was left in the data folder");
    }

    /// <summary>Saves a generated export in the shared data folder and queues its import, as the staff area's import page does.</summary>
    private static async Task<string> QueueAsync(NpgsqlConnection db, string data)
    {
        var folder = Directory.CreateDirectory(Path.Combine(data, "imports")).FullName;
        var export = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".xml");
        await using (var stream = File.Create(export))
        {
            GenerateWordPressExport.Write(stream, Posts, Posts * CommentsPerPost);
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO "ImportJobs" ("State", "StartedBy", "StartedAt", "ExportPath", "DownloadAttachments", "Stage", "Done", "Total")
            VALUES (@state, 'editor', @now, @export, FALSE, 'Waiting', 0, 0)
            """, db);
        command.Parameters.AddWithValue("state", (int)ImportJobState.Queued);
        command.Parameters.AddWithValue("now", DateTime.UtcNow);
        command.Parameters.AddWithValue("export", export);
        await command.ExecuteNonQueryAsync();
        return export;
    }

    private static async Task<string?> ClaimedByAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("""SELECT "ClaimedBy" FROM "ImportJobs" """, db);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<string> ReportAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("""SELECT "Report" FROM "ImportJobs" """, db);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
