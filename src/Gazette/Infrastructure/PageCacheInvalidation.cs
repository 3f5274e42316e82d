using System.Runtime.CompilerServices;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Infrastructure;

/// <summary>
/// Evicts the cached pages a change touches, the moment it is saved, whoever saves it: every
/// <c>SaveChanges</c> is read here (articles, their terms, comments, categories, tags, authors,
/// media), so no writer can forget. Writes that bypass the change tracker (bulk updates, the
/// importer, settings) call <see cref="EvictAsync(IEnumerable{string}, CancellationToken)"/> or
/// <see cref="ArticlesChangedAsync"/> themselves.
/// </summary>
/// <remarks>
/// A published article's page, the lists and feeds showing it and the pages linking to it all
/// carry <see cref="CacheTags.Article"/>, so an edit evicts exactly those. Publishing, unpublishing
/// or re-dating it also changes which articles the lists hold: the home page, date archives,
/// feeds, sitemaps, its author's and terms' pages (an article page shows its terms and related
/// articles from them), and its neighbours' previous/next links.
/// </remarks>
public sealed class PageCacheInvalidation(IOutputCacheStore store, ILogger<PageCacheInvalidation> logger) : SaveChangesInterceptor
{
    /// <summary>More articles than this in one save (an import) evict everything instead of querying each.</summary>
    private const int ManyArticles = 50;

    private static readonly string[] Lists = [CacheTags.Home, CacheTags.Dates, CacheTags.Feeds, CacheTags.Sitemaps];

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private long _evictions;

    /// <summary>
    /// Counts evictions. A page rendered while this moved may hold what was just changed: it is
    /// sent but not stored (see <see cref="PublicPages"/>), so an eviction cannot be undone by a
    /// render that read the old rows a moment before.
    /// </summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    private long _listsVersion;

    private long _siteEvictedAt;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _conversationEvictedAt = new();

    /// <summary>
    /// The <see cref="Evictions"/> count at the article's conversation's last change (or the whole
    /// site's): what was read of it when <see cref="Evictions"/> was past this is still current.
    /// </summary>
    public long ConversationChangedAt(int articleId) =>
        Math.Max(Interlocked.Read(ref _siteEvictedAt), _conversationEvictedAt.GetValueOrDefault(articleId));

    /// <summary>
    /// Moves with every eviction that may change which articles a list holds (anything but a
    /// conversation's): kept list lengths (<see cref="Features.Articles.ArticleLists"/>) count again after it.
    /// </summary>
    public long ListsVersion => Interlocked.Read(ref _listsVersion);

    private sealed class Pending
    {
        public HashSet<string> Tags { get; } = [];
        public List<EntityEntry<Article>> Published { get; } = [];
    }

    /// <summary>
    /// Set when several instances share a cache store (<see cref="SharedEvictions"/>): told of every
    /// eviction here, so the others move their own counters too.
    /// </summary>
    public Func<IReadOnlyList<string>, Task>? Announce { get; set; }

    /// <summary>Evicts every entry carrying any of <paramref name="tags"/>.</summary>
    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var distinct = tags.Distinct(StringComparer.Ordinal).ToList();
        Note(distinct);
        foreach (var tag in distinct)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
        if (Announce is { } announce)
        {
            await announce(distinct);
        }
    }

    /// <summary>
    /// Another instance evicted <paramref name="tags"/> from the shared store: what this instance keeps
    /// beside the cache (kept list facts, menus, conversation layouts) must be read again, as after its own eviction.
    /// </summary>
    public void EvictedElsewhere(IReadOnlyList<string> tags) => Note(tags);

    private void Note(IReadOnlyList<string> distinct)
    {
        var sequence = Interlocked.Increment(ref _evictions);
        foreach (var tag in distinct)
        {
            if (tag == CacheTags.Site)
            {
                Interlocked.Exchange(ref _siteEvictedAt, sequence);
            }
            else if (CacheTags.ConversationOf(tag) is { } articleId)
            {
                _conversationEvictedAt[articleId] = sequence;
            }
        }
        if (!distinct.All(CacheTags.IsConversation))
        {
            Interlocked.Increment(ref _listsVersion);
        }
    }

    public Task EvictAsync(CancellationToken cancellationToken, params string[] tags) => EvictAsync(tags, cancellationToken);

    /// <summary>Articles were published, unpublished or re-dated by a bulk update: evicts what lists them and their neighbours.</summary>
    public async Task ArticlesChangedAsync(GazetteDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }
        var tags = new HashSet<string>(StringComparer.Ordinal);
        await AddListingsAsync(db, ids, tags, cancellationToken);
        await EvictAsync(tags, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Synchronous saves are rare (none on a request path); the memory store evicts synchronously anyway.
        EvictPendingAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictPendingAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var pending = new Pending();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case Article article:
                    CollectArticle(context.Entry(article), pending);
                    break;
                case Comment comment:
                    pending.Tags.Add(CacheTags.Conversation(comment.ArticleId));
                    pending.Tags.Add(CacheTags.Comments);
                    break;
                // Rare, and shown anywhere: menus are on every page and name sections, tags, pages and
                // authors; a byline is on every list, an image may be on any page. (A library image's
                // description is not: articles keep their own copy of it.)
                case Category:
                case Tag when entry.State != EntityState.Added:
                case Menu:
                case MenuItem:
                case StaffUser when entry.State == EntityState.Deleted
                    || IsModified(entry, nameof(StaffUser.DisplayName), nameof(StaffUser.Slug), nameof(StaffUser.Bio),
                        nameof(StaffUser.PhotoPath), nameof(StaffUser.ProfileLinks)):
                case MediaItem when entry.State == EntityState.Deleted:
                    pending.Tags.Add(CacheTags.Site);
                    break;
                // A name added to or taken off a byline: the article's pages, and both archives it is or was in.
                case ArticleCoAuthor coAuthor:
                    pending.Tags.Add(CacheTags.Article(coAuthor.ArticleId));
                    pending.Tags.Add(CacheTags.Author(coAuthor.UserId));
                    break;
                case Dictionary<string, object> join:
                    CollectTerm(entry.Metadata.Name, join, pending);
                    break;
            }
        }
        if (pending.Tags.Count > 0 || pending.Published.Count > 0)
        {
            _pending.AddOrUpdate(context, pending);
        }
    }

    private static void CollectArticle(EntityEntry<Article> entry, Pending pending)
    {
        var article = entry.Entity;
        var wasPublished = entry.State != EntityState.Added
            && entry.Property(a => a.Status).OriginalValue == ArticleStatus.Published;
        var isPublished = entry.State != EntityState.Deleted && article.Status == ArticleStatus.Published;
        if (!wasPublished && !isPublished)
        {
            return; // a draft: nothing public shows it
        }
        if (entry.State != EntityState.Added)
        {
            pending.Tags.Add(CacheTags.Article(article.Id));
            pending.Tags.Add(CacheTags.Author(entry.Property(a => a.AuthorId).OriginalValue));
        }
        pending.Tags.Add(CacheTags.Author(article.AuthorId));
        // Feeds carry the text, and sitemaps the last-modified date, of many articles at once.
        pending.Tags.Add(CacheTags.Sitemaps);
        pending.Tags.Add(CacheTags.Feeds);
        if (article.Kind == ArticleKind.Page || entry.Property(a => a.Kind).OriginalValue == ArticleKind.Page)
        {
            pending.Tags.Add(CacheTags.Pages);
            // A page's title and address may be in a menu, on every page.
            if (entry.State is EntityState.Added or EntityState.Deleted || wasPublished != isPublished
                || IsModified(entry, nameof(Article.Title), nameof(Article.Slug), nameof(Article.Kind), nameof(Article.ParentId), nameof(Article.MenuOrder)))
            {
                pending.Tags.Add(CacheTags.Site);
            }
        }
        if (entry.State is EntityState.Added or EntityState.Deleted || wasPublished != isPublished
            || IsModified(entry, nameof(Article.PublishedAt), nameof(Article.Kind), nameof(Article.IsSticky), nameof(Article.Slug)))
        {
            pending.Tags.UnionWith(Lists);
            if (entry.State != EntityState.Deleted)
            {
                pending.Published.Add(entry);
            }
        }
    }

    /// <summary>A join row of an article with a category or a tag: the article's pages and the term's change.</summary>
    private static void CollectTerm(string joinRows, Dictionary<string, object> join, Pending pending)
    {
        if (join.GetValueOrDefault(GazetteDbContext.ArticlesId) is int articleId)
        {
            pending.Tags.Add(CacheTags.Article(articleId));
        }
        if (joinRows == GazetteDbContext.ArticleCategories && join.GetValueOrDefault(GazetteDbContext.CategoriesId) is int categoryId)
        {
            pending.Tags.Add(CacheTags.Category(categoryId));
        }
        else if (joinRows == GazetteDbContext.ArticleTags && join.GetValueOrDefault(GazetteDbContext.TagsId) is int tagId)
        {
            pending.Tags.Add(CacheTags.Tag(tagId));
        }
    }

    private static bool IsModified(EntityEntry entry, params string[] properties) =>
        entry.State == EntityState.Modified && properties.Any(p => entry.Property(p).IsModified);

    private async Task EvictPendingAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        _pending.Remove(context);
        var tags = pending.Tags;
        if (pending.Published.Count > ManyArticles)
        {
            tags = [CacheTags.Site];
        }
        else if (pending.Published.Count > 0 && context is GazetteDbContext db)
        {
            try
            {
                await AddListingsAsync(db, pending.Published.Select(e => e.Entity.Id).ToList(), tags, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The change is saved whatever happens here; a stale page is worse than a cold cache.
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    logger.LogWarning(e, "Finding the pages a change touched failed; evicting every cached page.");
                }
                tags = [CacheTags.Site];
            }
        }
        await EvictAsync(tags, cancellationToken);
    }

    /// <summary>The lists an article appears in now: its terms, and the articles it sits between.</summary>
    private static async Task AddListingsAsync(GazetteDbContext db, IReadOnlyCollection<int> ids, HashSet<string> tags, CancellationToken cancellationToken)
    {
        tags.UnionWith(Lists);
        var articles = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Kind, a.Status, a.PublishedAt, a.AuthorId,
                Categories = a.Categories.Select(c => c.Id).ToList(),
                Tags = a.Tags.Select(t => t.Id).ToList(),
                CoAuthors = a.CoAuthors.Select(c => c.UserId).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        foreach (var article in articles)
        {
            tags.Add(CacheTags.Article(article.Id));
            tags.Add(CacheTags.Author(article.AuthorId));
            tags.UnionWith(article.CoAuthors.Select(CacheTags.Author));
            tags.UnionWith(article.Categories.Select(CacheTags.Category));
            tags.UnionWith(article.Tags.Select(CacheTags.Tag));
            if (article.Kind == ArticleKind.Page)
            {
                tags.Add(CacheTags.Pages);
                continue;
            }
            if (article.Status != ArticleStatus.Published || article.PublishedAt is not { } at)
            {
                continue;
            }
            await foreach (var neighbour in ArticleListing.Neighbours.For(db)(db, at, article.Id).WithCancellation(cancellationToken))
            {
                tags.Add(CacheTags.Article(neighbour.Id));
            }
        }
    }
}
