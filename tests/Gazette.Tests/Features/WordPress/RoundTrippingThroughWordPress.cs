using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>Import an export, export the site, import that into an empty site: nothing is lost on the way.</summary>
public abstract class RoundTrippingThroughWordPress
{
    protected abstract GazetteApp NewApp();

    [Fact]
    public async Task AnExportImportedIntoAnEmptySiteHasTheSameArticlesCommentsTermsAndAuthors()
    {
        using var first = NewApp();
        using var second = NewApp();
        Assert.True((await first.ImportAsync(WordPressFixtures.Harbour)).Succeeded);
        await AddReplySavedBeforeItsParentAsync(first);
        var exported = Path.Combine(Directory.CreateTempSubdirectory("wxr-export-").FullName, "site.xml");
        await using (var scope = first.Services.CreateAsyncScope())
        await using (var stream = File.Create(exported))
        {
            await scope.ServiceProvider.GetRequiredService<ExportWordPress>().ExecuteAsync(stream, CancellationToken.None);
        }

        // A post format kept as a tag goes back out as a post format.
        var xml = await File.ReadAllTextAsync(exported);
        Assert.Contains("<category domain=\"post_format\" nicename=\"post-format-aside\"><![CDATA[Aside]]></category>", xml, StringComparison.Ordinal);
        Assert.Contains("<wp:term_taxonomy><![CDATA[post_format]]></wp:term_taxonomy>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<wp:tag_slug><![CDATA[post-format-aside]]>", xml, StringComparison.Ordinal);
        // A password-protected post goes out with its password, as WordPress writes it.
        Assert.Contains("<wp:post_password><![CDATA[anchor]]></wp:post_password>", xml, StringComparison.Ordinal);

        var report = await second.ImportAsync(exported);

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(await ArticlesAsync(first), await ArticlesAsync(second));
        Assert.Equal(await CommentsAsync(first), await CommentsAsync(second));
        Assert.Equal(await TermsAsync(first), await TermsAsync(second));
        Assert.Equal(await AuthorsAsync(first), await AuthorsAsync(second));

        // And the second site's export reads back the same again.
        var again = await second.ImportAsync(exported);
        Assert.All(again.ByKind, kind => Assert.Equal(0, kind.Value.Imported));
    }

    /// <summary>
    /// A reply with a lower id than its parent, as an import saves a reply that comes first in its file: the
    /// export numbers it after its parent (as WordPress's importer needs), and the thread still comes through.
    /// </summary>
    private static Task AddReplySavedBeforeItsParentAsync(GazetteApp app) => app.WithDbAsync(async db =>
    {
        var ferry = await db.Articles.SingleAsync(a => a.Slug == "night-ferry-sails-again");
        var reply = new Comment
        {
            ArticleId = ferry.Id, AuthorName = "Early Reply", AuthorEmail = "early@example.org", Text = "Agreed.",
            Status = CommentStatus.Approved, CreatedAt = new DateTime(2021, 6, 5, 13, 0, 0, DateTimeKind.Utc),
        };
        db.Comments.Add(reply);
        await db.SaveChangesAsync();
        var parent = new Comment
        {
            ArticleId = ferry.Id, AuthorName = "Late Parent", AuthorEmail = "late@example.org", Text = "Fish & chips, \"the best\" <3",
            AuthorWebsite = "https://example.org/?a=1&b=2", Status = CommentStatus.Approved,
            CreatedAt = new DateTime(2021, 6, 5, 12, 0, 0, DateTimeKind.Utc),
        };
        db.Comments.Add(parent);
        await db.SaveChangesAsync();
        reply.ParentId = parent.Id;
        await db.SaveChangesAsync();
    });

    // Both sites start with the demo article and About page, which the second then gets twice (its copies
    // under other slugs): they are left out of the comparison.
    private static Task<List<string>> ArticlesAsync(GazetteApp app) => app.WithDbAsync(async db =>
    {
        var articles = await db.Articles.AsNoTracking().Include(a => a.Categories).Include(a => a.Tags).Include(a => a.Author)
            .Where(a => !a.Title.StartsWith("Night ferry returns") && !a.Slug.StartsWith("about-the-gazette"))
            .ToListAsync();
        var slugs = await db.Articles.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Slug);
        return articles
            .Select(a => string.Join(" | ", a.Kind, a.Title, a.Slug, a.Status, a.PublishedAt?.ToString("O"), a.Excerpt, a.Summary,
                a.IsSticky, a.CommentsOpen, a.Password, a.MenuOrder, a.ParentId is { } parent ? slugs[parent] : null, a.Author!.UserName, a.BodyHtml,
                a.FeaturedImageUrl is null ? "" : Path.GetFileName(a.FeaturedImageUrl), a.FeaturedImageAlt, a.FeaturedImageCaption, a.FeaturedImageCredit,
                string.Join(',', a.Categories.Select(c => c.Slug).Order()), string.Join(',', a.Tags.Select(t => t.Slug).Order())))
            .Order(StringComparer.Ordinal).ToList();
    });

    private static Task<List<string>> CommentsAsync(GazetteApp app) => app.WithDbAsync(async db =>
        (await db.Comments.AsNoTracking().Include(c => c.Article).Include(c => c.Parent)
            .Where(c => !c.Article!.Title.StartsWith("Night ferry returns"))
            .ToListAsync())
        // The comment as readers see it: its text may come back written another way ("&" as "&amp;").
        .Select(c => string.Join(" | ", c.Article!.Slug, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.TextHtml, c.Status, c.Kind,
            c.CreatedAt.ToString("O"), c.Parent?.AuthorName, c.AuthorIp))
        .Order(StringComparer.Ordinal).ToList());

    private static Task<List<string>> TermsAsync(GazetteApp app) => app.WithDbAsync(async db =>
        (await db.Categories.AsNoTracking().Include(c => c.Parent).ToListAsync())
            .Select(c => $"category {c.Slug} {c.Name} {c.Parent?.Slug} {c.Description}")
            .Concat((await db.Tags.AsNoTracking().ToListAsync()).Select(t => $"tag {t.Slug} {t.Name}"))
            .Order(StringComparer.Ordinal).ToList());

    private static Task<List<string>> AuthorsAsync(GazetteApp app) => app.WithDbAsync(async db =>
        (await db.Articles.AsNoTracking().Where(a => !a.Title.StartsWith("Night ferry returns"))
            .Select(a => a.Author!.UserName + " " + a.Author.DisplayName + " " + a.Author.Email).Distinct().ToListAsync())
        .Order(StringComparer.Ordinal).ToList());
}

public sealed class RoundTrippingThroughWordPressOnSqlite : RoundTrippingThroughWordPress
{
    protected override GazetteApp NewApp() => new SqliteApp();
}

public sealed class RoundTrippingThroughWordPressOnPostgreSql : RoundTrippingThroughWordPress
{
    protected override GazetteApp NewApp() => new PostgreSqlApp();
}
