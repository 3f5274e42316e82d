using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>An article a test arranged in the database, its first comment and the reply to it.</summary>
public sealed record ArrangedArticle(int Id, string Url, int FirstCommentId, string FirstCommentAuthor, int ReplyId, string ReplyAuthor);

/// <summary>Who wrote an arranged comment, and what.</summary>
public sealed record ArrangedComment(int Id, string Name, string Email, string Text);

/// <summary>Where a hostile comment carries its payload.</summary>
public enum PayloadPlace
{
    Text,
    Name,
    Website,
}

/// <summary>An approved comment carrying a payload, as stored (names are cut to the column's 100 characters).</summary>
public sealed record HostileComment(int Id, PayloadPlace Place, string Payload);

/// <summary>An article whose comments carry payloads.</summary>
public sealed record HostileArticle(string Url, IReadOnlyList<HostileComment> Comments);

/// <summary>Data a test needs before the browser opens, put straight into the database.</summary>
public static class Arrange
{
    /// <summary>
    /// Arranges, straight in the database, a published article with every part the article page
    /// can show: featured image with caption and credit, section headings, a category, tags and a
    /// two-level thread of approved comments.
    /// </summary>
    public static async Task<ArrangedArticle> ArrangeFullArticleAsync(this BrowserApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.WithDbAsync(async db =>
        {
            var author = await db.Users.SingleAsync(u => u.UserName == app.Staff.UserName);
            // The demo's picture, which the first run put in the media library with its sizes.
            var picture = await db.MediaItems.Where(m => m.OriginalFileName == "harbour-dawn.jpg").OrderBy(m => m.Id).Select(m => m.Path).FirstAsync();
            var slug = app.Unique("tide-tables");
            const string body = """
                The harbour office printed its new tide tables this week, a month earlier than usual.

                ## What changes

                Low water now falls about twenty minutes later along the outer quay.

                ## Where to find them

                Copies are free at the library and the ferry terminal.
                """;
            var publishedAt = DateTime.UtcNow.AddHours(-2);
            var article = new Article
            {
                Title = "New tide tables arrive early " + slug,
                Slug = slug,
                Body = body,
                Excerpt = "The harbour office printed its new tide tables this week.",
                Status = ArticleStatus.Published,
                CreatedAt = publishedAt,
                UpdatedAt = publishedAt,
                PublishedAt = publishedAt,
                AuthorId = author.Id,
                FeaturedImageUrl = picture,
                FeaturedImageAlt = "A harbour at dawn with a lighthouse and two sailboats",
                FeaturedImageCaption = "The outer harbour at first light.",
                FeaturedImageCredit = "Gazette test illustration",
                CommentsOpen = true,
            };
            article.Categories.Add(new Category { Name = "Harbour " + slug, Slug = "harbour-" + slug });
            article.Tags.Add(new Tag { Name = "Tides " + slug, Slug = "tides-" + slug });
            var question = new Comment
            {
                Article = article, AuthorName = "Ada Quayle", AuthorEmail = app.Unique("ada") + "@example.org",
                AuthorWebsite = "https://ada.example.org/", Text = "Will the library keep copies all year?",
                Status = CommentStatus.Approved, CreatedAt = publishedAt.AddMinutes(10),
            };
            var answer = new Comment
            {
                Article = article, Parent = question, AuthorName = "Harbour office", AuthorEmail = app.Unique("office") + "@example.org",
                Text = "Yes, until next year's tables are printed.", Status = CommentStatus.Approved,
                CreatedAt = publishedAt.AddMinutes(30),
            };
            db.AddRange(article, question, answer);
            await db.SaveChangesAsync();
            return new ArrangedArticle(
                article.Id, ArticleLinks.Article(publishedAt, slug), question.Id, question.AuthorName, answer.Id, answer.AuthorName);
        });
    }

    /// <summary>
    /// Arranges top-level comments on an article, each by its own commenter with a unique name,
    /// email and text, in the given state.
    /// </summary>
    public static async Task<IReadOnlyList<ArrangedComment>> ArrangeCommentsAsync(
        this BrowserApp app, int articleId, int count, CommentStatus status)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.WithDbAsync(async db =>
        {
            var comments = Enumerable.Range(1, count).Select(i =>
            {
                var who = app.Unique("reader");
                return new Comment
                {
                    ArticleId = articleId, AuthorName = $"Reader {who}", AuthorEmail = who + "@example.org",
                    Text = $"Comment number {i} from {who}.", Status = status, CreatedAt = DateTime.UtcNow.AddMinutes(-count + i),
                };
            }).ToList();
            db.Comments.AddRange(comments);
            await db.SaveChangesAsync();
            return comments.Select(c => new ArrangedComment(c.Id, c.AuthorName, c.AuthorEmail, c.Text)).ToList();
        });
    }

    /// <summary>
    /// Arranges, straight in the database and so past the form's validation, three approved comments
    /// per payload (payload as text; as the author's name, replying to the first; as the website),
    /// spread over <paramref name="articleCount"/> articles.
    /// </summary>
    public static async Task<IReadOnlyList<HostileArticle>> ArrangeHostileCommentsAsync(
        this BrowserApp app, IReadOnlyList<string> payloads, int articleCount)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(payloads);
        return await app.WithDbAsync(async db =>
        {
            var author = await db.Users.SingleAsync(u => u.UserName == app.Staff.UserName);
            var publishedAt = DateTime.UtcNow.AddHours(-3);
            var articles = Enumerable.Range(0, articleCount).Select(_ =>
            {
                var slug = app.Unique("hostile-comments");
                return new Article
                {
                    Title = "Readers write in " + slug, Slug = slug, Body = "Letters.",
                    Status = ArticleStatus.Published, CreatedAt = publishedAt, UpdatedAt = publishedAt, PublishedAt = publishedAt,
                    AuthorId = author.Id, CommentsOpen = true,
                };
            }).ToList();
            var comments = new List<(Comment Comment, PayloadPlace Place, string Payload)>();
            foreach (var (payload, i) in payloads.Select((p, i) => (p, i)))
            {
                var article = articles[i % articleCount];
                var at = publishedAt.AddSeconds(i);
                var asText = new Comment
                {
                    Article = article, AuthorName = $"Reader {i}", AuthorEmail = $"reader-{i}@example.org", Text = payload,
                    Status = CommentStatus.Approved, CreatedAt = at,
                };
                var name = payload.Length > 100 ? payload[..100] : payload;
                var asName = new Comment
                {
                    Article = article, Parent = asText, AuthorName = name, AuthorEmail = $"named-{i}@example.org",
                    Text = $"A reply signed with payload {i}.", Status = CommentStatus.Approved, CreatedAt = at.AddMilliseconds(300),
                };
                var asWebsite = new Comment
                {
                    Article = article, AuthorName = $"Website {i}", AuthorEmail = $"website-{i}@example.org", AuthorWebsite = payload,
                    Text = $"A comment linking payload {i}.", Status = CommentStatus.Approved, CreatedAt = at.AddMilliseconds(600),
                };
                comments.AddRange([(asText, PayloadPlace.Text, payload), (asName, PayloadPlace.Name, name), (asWebsite, PayloadPlace.Website, payload)]);
            }
            db.AddRange(articles);
            db.AddRange(comments.Select(c => c.Comment));
            await db.SaveChangesAsync();
            return articles.Select(a => new HostileArticle(
                ArticleLinks.Article(publishedAt, a.Slug),
                comments.Where(c => c.Comment.Article == a).Select(c => new HostileComment(c.Comment.Id, c.Place, c.Payload)).ToList())).ToList();
        });
    }
}
