using System.Data.Common;
using Gazette.Features.WordPress;
using Gazette.Tests.Features.Backup;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// <c>import wordpress</c> killed outright (SIGKILL) once it has written some of its batches leaves no item
/// half-written, and running it again finishes the site exactly as one uninterrupted import would have made it.
/// The verb runs as a process of its own, on a generated export big enough to take several seconds.
/// </summary>
public sealed class ResumingAKilledImport
{
    private const int Posts = 1500;
    private const int CommentsPerPost = 10;

    /// <summary>What a whole import of the export makes, counted table by table.</summary>
    private static readonly string[] Tables =
        ["Articles", "Comments", "Categories", "Tags", "AspNetUsers", "Redirects", "ImportedItems", "ArticleCategories", "ArticleTags"];

    [Fact]
    public async Task OnSqliteAKilledImportLeavesWholeItemsAndFinishesWhenRunAgain()
    {
        var export = await ExportAsync();
        var interrupted = ImportTestSite.OnSqlite();
        await KillMidwayAsync(interrupted, export);
        await using (var db = await interrupted.OpenAsync())
        {
            Assert.Equal("ok", (await ScalarAsync(db, "PRAGMA integrity_check"))?.ToString());
        }
        await AssertNothingHalfWrittenAsync(interrupted);

        await ImportAsync(interrupted, export);
        var uninterrupted = ImportTestSite.OnSqlite();
        await ImportAsync(uninterrupted, export);
        await AssertTheSameAsync(uninterrupted, interrupted);
    }

    [Fact]
    public async Task OnPostgreSqlAKilledImportLeavesWholeItemsAndFinishesWhenRunAgain()
    {
        var export = await ExportAsync();
        var interrupted = ImportTestSite.OnPostgreSql();
        await KillMidwayAsync(interrupted, export);
        await AssertNothingHalfWrittenAsync(interrupted);

        await ImportAsync(interrupted, export);
        var uninterrupted = ImportTestSite.OnPostgreSql();
        await ImportAsync(uninterrupted, export);
        await AssertTheSameAsync(uninterrupted, interrupted);
    }

    /// <summary>Starts the import and kills it at a random moment after its first batch was committed, before its last.</summary>
    private static async Task KillMidwayAsync(ImportTestSite site, string export)
    {
        using var import = GazetteProcess.StartVerb(site.Data, site.Settings, "import", "wordpress", export);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await site.ArticlesAsync() == 0)
        {
            if (import.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the import wrote no article before it ended:\n{await OutputAfterAsync(import)}");
            }
            await Task.Delay(20);
        }
        await Task.Delay(Random.Shared.Next(0, 400));
        await import.KillAsync();
        var written = await site.ArticlesAsync();
        Assert.True(written is > 0 and < Posts, $"the kill was meant to land mid-way, but {written} of {Posts} articles were written");
    }

    /// <summary>
    /// A batch commits its articles, their category and tag links, their comments, their redirects and the
    /// <c>ImportedItems</c> rows that record them in one transaction: after a kill, every article and
    /// comment is recorded and every record names a row, and every article has all it came with.
    /// </summary>
    private static async Task AssertNothingHalfWrittenAsync(ImportTestSite site)
    {
        await using var db = await site.OpenAsync();
        // Compared here rather than in SQL: ImportedItems is keyed by WordPress id, not by the local one.
        await AssertRecordedAsync(db, "item", """SELECT "Id" FROM "Articles" """);
        await AssertRecordedAsync(db, "comment", """SELECT "Id" FROM "Comments" """);
        Assert.Equal(0L, await ScalarAsync(db, $"""
            SELECT COUNT(*) FROM "Articles" a
            WHERE (SELECT COUNT(*) FROM "Comments" c WHERE c."ArticleId" = a."Id") <> {CommentsPerPost}
               OR NOT EXISTS (SELECT 1 FROM "ArticleCategories" ac WHERE ac."ArticlesId" = a."Id")
               OR NOT EXISTS (SELECT 1 FROM "ArticleTags" at WHERE at."ArticlesId" = a."Id")
            """));
        // Every published article has its old addresses (drafts have none).
        Assert.Equal(0L, await ScalarAsync(db, """
            SELECT COUNT(*) FROM "Articles" a
            WHERE a."PublishedAt" IS NOT NULL AND a."Status" = 1 AND NOT EXISTS (SELECT 1 FROM "Redirects" r WHERE r."ToUrl" LIKE '%/' || a."Slug")
            """));
    }

    /// <summary>The rows <paramref name="rows"/> selects are exactly those <c>ImportedItems</c> records as <paramref name="kind"/>.</summary>
    private static async Task AssertRecordedAsync(DbConnection db, string kind, string rows)
    {
        var stored = await IdsAsync(db, rows);
        var recorded = await IdsAsync(db, $"""SELECT "LocalId" FROM "ImportedItems" WHERE "Kind" = '{kind}'""");
        Assert.True(stored.Count > 0, $"no {kind} was written");
        Assert.Empty(stored.Except(recorded));
        Assert.Empty(recorded.Except(stored));
    }

    private static async Task<HashSet<string>> IdsAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return ids;
    }

    /// <summary>The resumed site holds what the uninterrupted one does, table by table, and nothing twice.</summary>
    private static async Task AssertTheSameAsync(ImportTestSite expected, ImportTestSite actual)
    {
        await using var whole = await expected.OpenAsync();
        await using var resumed = await actual.OpenAsync();
        Assert.Equal((long)Posts, await ScalarAsync(whole, """SELECT COUNT(*) FROM "Articles" """));
        Assert.Equal((long)Posts * CommentsPerPost, await ScalarAsync(whole, """SELECT COUNT(*) FROM "Comments" """));
        foreach (var table in Tables)
        {
            var sql = $"""SELECT COUNT(*) FROM "{table}" """;
            Assert.True(Equals(await ScalarAsync(whole, sql), await ScalarAsync(resumed, sql)),
                $"{table}: {await ScalarAsync(whole, sql)} after one import, {await ScalarAsync(resumed, sql)} after a killed one and a second run");
        }
        Assert.Equal((long)Posts, await ScalarAsync(resumed, """SELECT COUNT(DISTINCT "Slug") FROM "Articles" """));
        Assert.Equal((long)Posts * CommentsPerPost, await ScalarAsync(resumed, """
            SELECT COUNT(*) FROM (SELECT DISTINCT "ArticleId", "Text" FROM "Comments") d
            """));
        Assert.Equal(await ScalarAsync(resumed, """SELECT COUNT(*) FROM "Redirects" """),
            await ScalarAsync(resumed, """SELECT COUNT(DISTINCT "FromPath") FROM "Redirects" """));
        await AssertNothingHalfWrittenAsync(actual);
    }

    private static async Task ImportAsync(ImportTestSite site, string export)
    {
        var result = await GazetteVerb.RunAsync(site.Settings, "import", "wordpress", export);
        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("WordPress import finished.", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A generated export of <see cref="Posts"/> posts with their comments, big enough that its import takes seconds.</summary>
    private static async Task<string> ExportAsync()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gazette-export-").FullName, "export.xml");
        await using var stream = File.Create(file);
        GenerateWordPressExport.Write(stream, Posts, Posts * CommentsPerPost);
        return file;
    }

    private static Task<object?> ScalarAsync(DbConnection db, string sql) => ImportTestSite.ScalarAsync(db, sql);

    private static async Task<string> OutputAfterAsync(GazetteProcess process)
    {
        await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
        return await process.OutputAsync();
    }
}
