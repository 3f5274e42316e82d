using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// Real exports import unmodified where WordPress's importer takes them: files with the slips real
/// exports carry, old versions, WordPress.com's split exports and ids repeated as WordPress tolerates,
/// each with a line in the report saying what was read differently; a cut-short file still changes nothing.
/// </summary>
public abstract class ImportingWhatWordPressWouldImport(GazetteApp app)
{
    [Theory]
    [InlineData("slip-html-entities-wxr-1.2.xml", "the-boats-new-name", "The boat’s new name", "HTML entities XML does not know")]
    [InlineData("slip-loose-markup-wxr-1.2.xml", "salt-and-vinegar", "Salt & vinegar, always", "bare '&' read as text")]
    [InlineData("slip-control-characters-wxr-1.1.xml", "lever-frame-restored", "Lever frame restored", "characters XML forbids")]
    [InlineData("slip-text-before-declaration-wxr-1.2.xml", "runner-beans", "Runner beans up the canes", "characters before the XML declaration dropped")]
    [InlineData("slip-cdata-end-in-content-wxr-1.2.xml", "nested-arrays", "Nested arrays", "']]>' inside a CDATA section kept in it")]
    [InlineData("slip-html-outside-cdata-wxr-1.2.xml", "line-breaks-by-hand", "Line breaks by hand", "HTML tags in a post's or comment's text outside CDATA read as text")]
    [InlineData("utf8-declared-latin1-bytes.xml", null, null, "bytes that are not UTF-8 read as Windows-1252")]
    public async Task ImportsAFileWithASlipAndReportsTheRepair(string file, string? slug, string? title, string repair)
    {
        var report = await app.ImportAsync(file);

        Assert.True(report.Succeeded, report.ToString());
        var note = Assert.Single(report.Warnings, w => w.Contains("it was read by the lenient parser, as WordPress's importer would", StringComparison.Ordinal));
        Assert.Contains(repair, note, StringComparison.Ordinal);
        if (slug is not null)
        {
            Assert.Equal(title, (await app.ArticleAsync(slug)).Title);
        }
    }

    [Fact]
    public async Task KeepsWhatTheEntitiesMeantInTitlesExcerptsAndComments()
    {
        var report = await app.ImportAsync("slip-html-entities-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        var tea = await app.ArticleAsync("tea-at-the-slipway");
        Assert.Equal("Tea\u00A0at the slipway…", tea.Title);
        Assert.Equal("Kettles, mostly…", tea.Excerpt);
        var comment = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == tea.Id));
        Assert.Equal("Ann O’Neill", comment.AuthorName);
        // Comments keep WordPress's markup (Features/Comments/CommentText): what it says is its plain text.
        Assert.Equal("Lovely\u00A0morning — thanks…", Gazette.Features.Comments.CommentText.ToPlainText(comment.Text));
    }

    [Fact]
    public async Task ImportsAWordPress30ExportWrittenFromALatin1Database()
    {
        var report = await app.ImportAsync("wordpress-3-0-latin1-bytes-wxr-1.0.xml");

        Assert.True(report.Succeeded, report.ToString());
        Assert.Contains(report.Warnings, w => w.Contains("The file's bytes do not match its declared character encoding (line 12)", StringComparison.Ordinal)
            && w.Contains("bytes that are not UTF-8 read as Windows-1252 (Latin-1): 9", StringComparison.Ordinal));
        var post = await app.ArticleAsync("the-station-cafe-reopens");
        Assert.Equal("The station café reopens", post.Title);
        Assert.Contains("It’s open again: crème brûlée and tea.", post.BodyText, StringComparison.Ordinal);
        Assert.Equal(["stations"], post.Categories.Select(c => c.Slug));
        Assert.Equal(["buffet"], post.Tags.Select(t => t.Slug));
        var comment = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == post.Id));
        Assert.Equal("Renée", comment.AuthorName);
        Assert.Equal("“Best scones on the line.”", comment.Text);
    }

    [Fact]
    public async Task ImportsAWordPressComExportSplitIntoTwoFiles()
    {
        var first = await app.ImportAsync("ridgeway-wordpress-com.000.xml");
        var second = await app.ImportAsync("ridgeway-wordpress-com.001.xml");

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(second.Succeeded, second.ToString());
        Assert.DoesNotContain(first.Warnings, w => w.Contains("lenient", StringComparison.Ordinal));
        Assert.Equal((1, 1), (first.ByKind["posts"].Imported, second.ByKind["posts"].Imported));
        Assert.Contains(first.Skips, s => s.Contains("#102", StringComparison.Ordinal) && s.Contains("\"feedback\"", StringComparison.Ordinal));
        Assert.Contains(second.Skips, s => s.Contains("#104", StringComparison.Ordinal) && s.Contains("\"jetpack-portfolio\"", StringComparison.Ordinal));
        Assert.Equal(1, second.ByKind["authors"].Skipped);
        Assert.Contains(second.Warnings, w => w.Contains("guestwalker: not listed in the export's authors", StringComparison.Ordinal));

        var walk = await app.ArticleAsync("white-horse-to-waylands-smithy");
        var dawn = await app.ArticleAsync("barbury-castle-at-dawn");
        Assert.Equal("chalkwalker", walk.Author!.UserName);
        Assert.Equal("guestwalker", dawn.Author!.UserName);
        Assert.Equal(walk.Categories.Single().Id, dawn.Categories.Single().Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.Categories.CountAsync(c => c.Slug == "walks")));
        await app.WithDbAsync(async db =>
        {
            var thread = await db.Comments.Where(c => c.ArticleId == walk.Id).OrderBy(c => c.CreatedAt).ToListAsync();
            Assert.Equal(["Hill Runner", "Chalk Walker"], thread.Select(c => c.AuthorName));
            Assert.Equal(thread[0].Id, thread[1].ParentId);
            Assert.Equal("Early Bird", (await db.Comments.SingleAsync(c => c.ArticleId == dawn.Id)).AuthorName);
        });
    }

    [Fact]
    public async Task SettlesRepeatedIdsAsWordPressDoesAndSaysSo()
    {
        var report = await app.ImportAsync("shared-ids-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        Assert.Contains(report.Warnings, w => w.StartsWith("authors: deckhand: listed 2 times", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.StartsWith("categories: \"South Pier\" (slug \"south-pier\") has the id 12", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.StartsWith("comments: #40 on item 82: an earlier comment in the file has the same ID", StringComparison.Ordinal));
        var north = await app.ArticleAsync("mooring-north");
        var south = await app.ArticleAsync("mooring-south");
        Assert.Equal("Dee Hand", south.Author!.DisplayName);
        Assert.Equal(["north-pier"], north.Categories.Select(c => c.Slug));
        Assert.Equal(["south-pier"], south.Categories.Select(c => c.Slug));
        Assert.Equal("South Pier", south.Categories.Single().Name);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(["Harbour Master"], await db.Comments.Where(c => c.ArticleId == north.Id).Select(c => c.AuthorName).ToListAsync());
            var southThread = await db.Comments.Where(c => c.ArticleId == south.Id).OrderBy(c => c.CreatedAt).ToListAsync();
            Assert.Equal(["Pilot", "Skipper"], southThread.Select(c => c.AuthorName));
            Assert.Equal(southThread[0].Id, southThread[1].ParentId);
        });

        var again = await app.ImportAsync("shared-ids-wxr-1.2.xml");

        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(0, again.ByKind["comments"].Imported);
        Assert.Equal(3, again.ByKind["comments"].Skipped);
    }

    [Fact]
    public async Task RefusesAFileWithASlipThatIsCutMidItemAndChangesNothing()
    {
        var whole = await File.ReadAllTextAsync(WordPressFixtures.PathOf("slip-html-entities-wxr-1.2.xml"));
        var cut = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "cut.xml");
        await File.WriteAllTextAsync(cut, whole[..whole.IndexOf("Painted on", StringComparison.Ordinal)]);
        var before = await app.SnapshotAsync();

        var report = await app.ImportAsync(cut);

        Assert.False(report.Succeeded);
        Assert.Contains("ends too soon", report.Error, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }
}

public sealed class ImportingWhatWordPressWouldImportOnSqlite(SqliteApp app) : ImportingWhatWordPressWouldImport(app), IClassFixture<SqliteApp>;

public sealed class ImportingWhatWordPressWouldImportOnPostgreSql(PostgreSqlApp app) : ImportingWhatWordPressWouldImport(app), IClassFixture<PostgreSqlApp>;
