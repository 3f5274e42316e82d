using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Settings;
using Gazette.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>
/// An article whose every text is one payload, by an author and in a category of its own named
/// with it, and its one approved comment, whose name, text and website are the payload too. Names
/// are cut to their columns' 100 characters, as stored.
/// </summary>
public sealed record HostileEntry(string Payload, string Name, string Url, string AuthorSlug, string CategorySlug, int CommentId);

/// <summary>The arranged entries, all under one tag.</summary>
public sealed record HostileFeeds(string TagSlug, IReadOnlyList<HostileEntry> Entries);

/// <summary>Data the feed tests need, put straight into the database, and the feed settings they need.</summary>
public static class ArrangeFeeds
{
    /// <summary>
    /// Arranges one <see cref="HostileEntry"/> per payload, the comments newer than any other, so that
    /// the comments feed, made long enough (<see cref="WithFeedLengthAsync"/>), carries them all.
    /// </summary>
    public static async Task<HostileFeeds> ArrangeHostileFeedsAsync(this BrowserApp app, IReadOnlyList<string> payloads)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(payloads);
        return await app.WithDbAsync(async db =>
        {
            var tag = new Tag { Name = "Letters " + app.Unique("t"), Slug = app.Unique("hostile-feeds") };
            var publishedAt = DateTime.UtcNow.AddHours(-1);
            var arranged = payloads.Select((payload, i) =>
            {
                var slug = app.Unique("hostile-feed");
                var name = payload.Length > 100 ? payload[..100] : payload;
                var author = new StaffUser { UserName = slug, Email = slug + "@example.org", DisplayName = name, Slug = slug, Bio = payload };
                var article = new Article
                {
                    Title = payload, Slug = slug, Body = "Letters.", Excerpt = payload,
                    Status = ArticleStatus.Published, CreatedAt = publishedAt, UpdatedAt = publishedAt, PublishedAt = publishedAt.AddSeconds(i),
                    Author = author, CommentsOpen = true, FeaturedImageUrl = "/demo/harbour-dawn.jpg",
                    FeaturedImageAlt = payload, FeaturedImageCaption = payload, FeaturedImageCredit = payload,
                };
                article.Categories.Add(new Category { Name = payload, Slug = "c-" + slug, Description = payload });
                article.Tags.Add(tag);
                var comment = new Comment
                {
                    Article = article, AuthorName = name, AuthorEmail = slug + "@example.net", AuthorWebsite = payload, Text = payload,
                    Status = CommentStatus.Approved, CreatedAt = DateTime.UtcNow.AddMilliseconds(i),
                };
                return (Payload: payload, Name: name, Article: article, Comment: comment);
            }).ToList();
            db.AddRange(arranged.Select(a => a.Comment));
            await db.SaveChangesAsync();
            return new HostileFeeds(tag.Slug, arranged.Select(a => new HostileEntry(
                a.Payload, a.Name, ArticleLinks.Article(a.Article.PublishedAt!.Value, a.Article.Slug),
                a.Article.Slug, "c-" + a.Article.Slug, a.Comment.Id)).ToList());
        });
    }

    /// <summary>Runs <paramref name="action"/> with feeds <paramref name="length"/> entries long, then puts the setting back.</summary>
    public static async Task WithFeedLengthAsync(this BrowserApp app, int length, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(action);
        var store = app.Services.GetRequiredService<SiteSettingsStore>();
        var before = app.Services.GetRequiredService<IOptionsMonitor<GazetteOptions>>().CurrentValue.Site.FeedLength;
        const string key = "Gazette:Site:FeedLength";
        await store.SaveAsync(new Dictionary<string, string> { [key] = length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, [], CancellationToken.None);
        try
        {
            await action();
        }
        finally
        {
            await store.SaveAsync(new Dictionary<string, string> { [key] = before.ToString(System.Globalization.CultureInfo.InvariantCulture) }, [], CancellationToken.None);
        }
    }
}
