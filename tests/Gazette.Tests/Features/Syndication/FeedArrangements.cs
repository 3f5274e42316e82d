using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Syndication;

/// <summary>Groups articles under a tag or category of their own, so a test reads a feed no other test writes to.</summary>
public static class FeedArrangements
{
    /// <returns>The new tag's slug.</returns>
    public static async Task<string> TagAsync(this GazetteApp app, params Article[] articles)
    {
        ArgumentNullException.ThrowIfNull(app);
        var slug = app.Unique("tag");
        await app.WithDbAsync(async db =>
        {
            var tag = new Tag { Name = "Tag " + slug, Slug = slug };
            db.Tags.Add(tag);
            var ids = articles.Select(a => a.Id).ToList();
            foreach (var article in await db.Articles.Include(a => a.Tags).Where(a => ids.Contains(a.Id)).ToListAsync())
            {
                article.Tags.Add(tag);
            }
            await db.SaveChangesAsync();
        });
        return slug;
    }

    /// <summary>Files <paramref name="article"/> under a category, created if needed.</summary>
    public static Task FileUnderAsync(this GazetteApp app, Article article, Category category)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(category);
        return app.WithDbAsync(async db =>
        {
            var stored = await db.Articles.Include(a => a.Categories).SingleAsync(a => a.Id == article.Id);
            stored.Categories.Add(category.Id == 0 ? category : await db.Categories.SingleAsync(c => c.Id == category.Id));
            await db.SaveChangesAsync();
        });
    }
}
