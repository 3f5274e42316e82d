using System.Globalization;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// A file that is not a whole WordPress export is refused with a reason, and changes nothing; what
/// WordPress's own importer tolerates is taken, with a word in the report (more of that in
/// <see cref="ImportingWhatWordPressWouldImport"/>).
/// </summary>
public abstract class RefusingABrokenWordPressExport(GazetteApp app)
{
    [Theory]
    [InlineData("not-xml.xml", "not well-formed XML")]
    [InlineData("not-wxr.xml", "not a WordPress export")]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item><title>Open</item></channel></rss>", "not well-formed XML")]
    public async Task RefusesTheFileAndLeavesTheDatabaseAsItWas(string file, string reason)
    {
        if (file.StartsWith('<'))
        {
            // Even read leniently, as WordPress's importer would, a start tag left open is not an export.
            var path = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "broken.xml");
            await File.WriteAllTextAsync(path, file);
            file = path;
        }
        var before = await app.SnapshotAsync();

        var report = await app.ImportAsync(file);

        Assert.False(report.Succeeded);
        Assert.Contains(reason, report.Error, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(-1)]
    public async Task RefusesATruncatedExportAfterReadingAllOfItAndLeavesTheDatabaseAsItWas(double fraction)
    {
        var whole = await File.ReadAllBytesAsync(WordPressFixtures.PathOf(WordPressFixtures.Harbour));
        // Cut after most items, or half of them (authors, terms and several items are complete before the
        // end), or (-1) right after the last item, so that only </channel></rss> is missing.
        var end = fraction > 0 ? (int)(whole.Length * fraction) : whole.AsSpan().LastIndexOf("</item>"u8) + "</item>".Length;
        var cut = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "cut.xml");
        await File.WriteAllBytesAsync(cut, whole[..end]);
        var before = await app.SnapshotAsync();

        var report = await app.ImportAsync(cut);

        Assert.False(report.Succeeded);
        Assert.Contains("ends too soon", report.Error, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task CheckingAWholeFileCountsItsItemsAndWritesNothing()
    {
        var before = await app.SnapshotAsync();

        var (exit, output, errors) = await CheckAsync(WordPressFixtures.PathOf(WordPressFixtures.Harbour));

        Assert.Equal(0, exit);
        Assert.Equal("", errors);
        Assert.Matches(@"^The file reads as a WordPress export of "".+"": \d+ items and \d+ comments\. Nothing was written\.$", output.Trim());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task CheckingABrokenFileSaysWhatIsWrong()
    {
        var (exit, output, errors) = await CheckAsync(WordPressFixtures.PathOf("not-wxr.xml"));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("not a WordPress export", errors, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Errors)> CheckAsync(string file)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var errors = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await RunWordPressImport.RunAsync(app.Services, file, ["--check"], output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task TwoItemsWithOneIdKeepTheFirstAsWordPressDoesAndSaySo()
    {
        // WordPress's importer passes over an item whose ID it has met (the Theme Unit Test data has
        // such menu items): so does this import, and it is not a reason to refuse the file.
        var report = await app.ImportAsync("duplicate-id.xml");

        Assert.Null(report.Error);
        var articles = await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == "first-telling" || a.Slug == "second-telling")
            .Select(a => a.Slug).ToListAsync());
        Assert.Equal(["first-telling"], articles);
        Assert.Contains(report.Skips, s => s.Contains("Second telling", StringComparison.Ordinal) && s.Contains("same WordPress ID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusesAnEmptyFile()
    {
        var empty = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "empty.xml");
        await File.WriteAllBytesAsync(empty, []);
        var before = await app.SnapshotAsync();

        var report = await app.ImportAsync(empty);

        Assert.False(report.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(report.Error));
        Assert.Equal(before, await app.SnapshotAsync());
    }
}

public sealed class RefusingABrokenWordPressExportOnSqlite(SqliteApp app) : RefusingABrokenWordPressExport(app), IClassFixture<SqliteApp>;

public sealed class RefusingABrokenWordPressExportOnPostgreSql(PostgreSqlApp app) : RefusingABrokenWordPressExport(app), IClassFixture<PostgreSqlApp>;
