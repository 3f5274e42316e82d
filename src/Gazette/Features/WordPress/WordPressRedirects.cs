using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Redirects;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// The import's pass over old addresses: every address WordPress answered for an imported author, term,
/// item or attachment leads to its counterpart here, unless a redirect from it exists already.
/// </summary>
internal sealed class WordPressRedirects(GazetteDbContext db, ImportRun run, TimeProvider clock)
{
    /// <summary>Redirect from-paths made by this import, so a later item cannot claim one twice.</summary>
    private readonly HashSet<string> _made = new(StringComparer.Ordinal);

    /// <summary>WordPress post id → the address of the published article here, for its attachments' old pages.</summary>
    private readonly Dictionary<string, string> _postLinks = new(StringComparer.Ordinal);

    /// <summary>Attachments' old pages, with the item each belongs to and the stored image, to redirect at the end.</summary>
    private readonly List<(string From, string ParentId, string? Image)> _attachmentPages = [];

    /// <summary>The batch's redirects, checked by <see cref="CheckBatchAsync"/> and written by <see cref="InsertBatchAsync"/>.</summary>
    private readonly List<(string From, string To, Article? Article)> _batch = [];
    private readonly List<(string From, string To, Article? Article)> _ready = [];

    /// <summary>
    /// Every address WordPress answered for a published item, whatever its permalink setting was:
    /// the exported permalink itself, <c>/?p=ID</c> (and <c>/?page_id=ID</c> for pages), the dated
    /// forms with day and without, and the bare slug, for its slug and each earlier one
    /// (<c>_wp_old_slug</c>), all under the old blog's path.
    /// </summary>
    public void ForArticle(WxrItem item, Article article)
    {
        if (LinkOf(article.Kind, article.Status, article.PublishedAt, article.Slug) is not { } to)
        {
            return;
        }
        _postLinks[item.Id] = to;
        var froms = new List<string> { run.BasePath + "/?p=" + item.Id };
        if (article.Kind == ArticleKind.Page)
        {
            froms.Add(run.BasePath + "/?page_id=" + item.Id);
        }
        if (PathOf(item.Link) is { } permalink)
        {
            froms.Add(permalink);
        }
        var slugs = new List<string> { item.Slug };
        if (item.Meta.GetValueOrDefault("_wp_old_slug")?.Trim() is { Length: > 0 } oldSlug)
        {
            slugs.Add(oldSlug);
        }
        foreach (var slug in slugs.Where(s => s.Length > 0))
        {
            froms.Add(run.BasePath + "/" + slug);
            if (article.Kind == ArticleKind.Post && (item.DateLocal ?? item.DateGmt) is { } local)
            {
                froms.Add(string.Create(CultureInfo.InvariantCulture, $"{run.BasePath}/{local:yyyy}/{local:MM}/{local:dd}/{slug}"));
                froms.Add(string.Create(CultureInfo.InvariantCulture, $"{run.BasePath}/{local:yyyy}/{local:MM}/{slug}"));
            }
        }
        foreach (var from in froms)
        {
            _batch.Add((from, to, article));
        }
    }

    /// <summary>An article an earlier run made of this item: its attachments' old pages lead to it, as they would have then.</summary>
    public void KnowArticle(string wordPressId, ArticleKind kind, ArticleStatus status, DateTime? publishedAt, string slug)
    {
        if (LinkOf(kind, status, publishedAt, slug) is { } to)
        {
            _postLinks[wordPressId] = to;
        }
    }

    /// <summary>Where an article is read, if readers can read it (or will, once its time comes).</summary>
    private static string? LinkOf(ArticleKind kind, ArticleStatus status, DateTime? publishedAt, string slug) =>
        status is ArticleStatus.Published or ArticleStatus.Scheduled && publishedAt is { } published ? ArticleLinks.Of(kind, published, slug) : null;

    /// <summary>
    /// An attachment's own page in WordPress (its permalink, <c>/?attachment_id=ID</c>) will lead to the
    /// article it belongs to, or else to the image itself: noted now, written once every article is in.
    /// </summary>
    public void ForAttachment(WxrItem item, string? storedImage)
    {
        _attachmentPages.Add((run.BasePath + "/?attachment_id=" + item.Id, item.Parent, storedImage));
        if (PathOf(item.Link) is { } page)
        {
            _attachmentPages.Add((page, item.Parent, storedImage));
        }
    }

    public async Task RedirectAttachmentPagesAsync(CancellationToken cancellationToken)
    {
        foreach (var (from, parent, image) in _attachmentPages)
        {
            if ((_postLinks.GetValueOrDefault(parent) ?? image) is { } to)
            {
                await AddNowAsync(from, to, cancellationToken, underBasePath: false);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Keeps the batch's redirects that no earlier one (of this import or of staff) already has.</summary>
    public async Task CheckBatchAsync(CancellationToken cancellationToken)
    {
        var wanted = new List<(string From, string To, Article? Article)>();
        foreach (var (from, to, article) in _batch)
        {
            if (Normalise(from, to) is { } pair && _made.Add(pair.From))
            {
                wanted.Add((pair.From, pair.To, article));
            }
        }
        _batch.Clear();
        var paths = wanted.Select(w => w.From).ToList();
        var taken = (await db.Redirects.Where(r => paths.Contains(r.FromPath)).Select(r => r.FromPath).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (from, to, article) in wanted)
        {
            if (taken.Contains(from))
            {
                run.Report.Skipped("redirects", from, "a redirect from this address exists already");
                continue;
            }
            _ready.Add((from, to, article));
            run.Report.Imported("redirects");
        }
    }

    /// <summary>
    /// Writes the batch's redirects once its articles have their keys, by <see cref="BulkInsert"/>, as an
    /// export has about three old addresses per item and the change tracker would cost more than the insert.
    /// </summary>
    public async Task InsertBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await BulkInsert.ExecuteAsync(db.Database, "Redirects",
            ["FromPath", "QueryKeys", "ToUrl", "Origin", "ArticleId", "CreatedAt", "UpdatedAt", "HitCount"],
            _ready.Select(r => new object?[]
            {
                r.From, r.From.Contains('?', StringComparison.Ordinal) ? RedirectPaths.QueryKeysOf(r.From) : null, r.To,
                (int)RedirectOrigin.Imported, r.Article?.Id, now, now, 0,
            }),
            cancellationToken);
        _ready.Clear();
    }

    /// <summary>One redirect, checked against the database at once (authors, terms, the feed), saved with the change tracker's next save.</summary>
    public async Task AddNowAsync(string from, string to, CancellationToken cancellationToken, bool underBasePath = true)
    {
        from = underBasePath ? run.BasePath + from : from;
        if (Normalise(from, to) is not { } pair || !_made.Add(pair.From))
        {
            return;
        }
        if (await db.Redirects.AnyAsync(r => r.FromPath == pair.From, cancellationToken))
        {
            run.Report.Skipped("redirects", pair.From, "a redirect from this address exists already");
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Redirects.Add(new Redirect
        {
            FromPath = pair.From,
            QueryKeys = pair.From.Contains('?', StringComparison.Ordinal) ? RedirectPaths.QueryKeysOf(pair.From) : null,
            ToUrl = pair.To,
            Origin = RedirectOrigin.Imported,
            CreatedAt = now,
            UpdatedAt = now,
        });
        run.Report.Imported("redirects");
    }

    private static string? PathOf(string? link) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out var url) ? url.AbsolutePath + url.Query : null;

    /// <summary>The normal forms of a redirect, or null when it would lead to itself or cannot be one.</summary>
    private static (string From, string To)? Normalise(string from, string to) =>
        RedirectPaths.TryNormaliseFrom(from, out var normalFrom, out _)
        && RedirectPaths.TryNormaliseTo(to, out var normalTo, out _)
        && normalFrom != normalTo
            ? (normalFrom, normalTo)
            : null;
}
