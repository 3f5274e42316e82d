using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Redirects;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    /// <summary>
    /// Every address WordPress answered for a published item, whatever its permalink setting was:
    /// the exported permalink itself, <c>/?p=ID</c> (and <c>/?page_id=ID</c> for pages), the dated
    /// forms with day and without, and the bare slug, for its slug and each earlier one
    /// (<c>_wp_old_slug</c>), all under the old blog's path.
    /// </summary>
    private static void RedirectsFor(Run run, Batch batch, WxrItem item, Article article)
    {
        if (article.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled) || article.PublishedAt is not { } published)
        {
            return;
        }
        var to = ArticleLinks.Of(article.Kind, published, article.Slug);
        run.PostLinks[item.Id] = to;
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
            batch.Redirects.Add((from, to, article));
        }
    }

    /// <summary>
    /// An attachment's own page in WordPress (its permalink, <c>/?attachment_id=ID</c>) will lead to the
    /// article it belongs to, or else to the image itself: noted now, written once every article is in.
    /// </summary>
    private static void RedirectsForAttachment(Run run, WxrItem item, string? storedImage)
    {
        run.AttachmentPages.Add((run.BasePath + "/?attachment_id=" + item.Id, item.Parent, storedImage));
        if (PathOf(item.Link) is { } page)
        {
            run.AttachmentPages.Add((page, item.Parent, storedImage));
        }
    }

    private async Task RedirectAttachmentPagesAsync(Run run, CancellationToken cancellationToken)
    {
        foreach (var (from, parent, image) in run.AttachmentPages)
        {
            if ((run.PostLinks.GetValueOrDefault(parent) ?? image) is { } to)
            {
                await AddRedirectNowAsync(run, from, to, cancellationToken, underBasePath: false);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static string? PathOf(string? link) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out var url) ? url.AbsolutePath + url.Query : null;

    /// <summary>Adds the batch's redirects that no earlier one (of this import or of staff) already has.</summary>
    private async Task AddRedirectsAsync(Run run, Batch batch, CancellationToken cancellationToken)
    {
        var wanted = new List<(string From, string To, Article? Article)>();
        foreach (var (from, to, article) in batch.Redirects)
        {
            if (Normalise(from, to) is { } pair && run.RedirectsMade.Add(pair.From))
            {
                wanted.Add((pair.From, pair.To, article));
            }
        }
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
            batch.ReadyRedirects.Add((from, to, article));
            run.Report.Imported("redirects");
        }
    }

    /// <summary>
    /// Writes the batch's redirects once its articles have their keys, by <see cref="BulkInsert"/>, as an
    /// export has about three old addresses per item and the change tracker would cost more than the insert.
    /// </summary>
    private async Task InsertRedirectsAsync(Batch batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await BulkInsert.ExecuteAsync(db.Database, "Redirects",
            ["FromPath", "QueryKeys", "ToUrl", "Origin", "ArticleId", "CreatedAt", "UpdatedAt", "HitCount"],
            batch.ReadyRedirects.Select(r => new object?[]
            {
                r.From, r.From.Contains('?', StringComparison.Ordinal) ? RedirectPaths.QueryKeysOf(r.From) : null, r.To,
                (int)RedirectOrigin.Imported, r.Article?.Id, now, now, 0,
            }),
            cancellationToken);
        batch.ReadyRedirects.Clear();
    }

    /// <summary>One redirect, checked against the database at once (authors, terms, the feed).</summary>
    private async Task AddRedirectNowAsync(Run run, string from, string to, CancellationToken cancellationToken, bool underBasePath = true)
    {
        from = underBasePath ? run.BasePath + from : from;
        if (Normalise(from, to) is not { } pair || !run.RedirectsMade.Add(pair.From))
        {
            return;
        }
        if (await db.Redirects.AnyAsync(r => r.FromPath == pair.From, cancellationToken))
        {
            run.Report.Skipped("redirects", pair.From, "a redirect from this address exists already");
            return;
        }
        Add(run, pair.From, pair.To, null);
    }

    private void Add(Run run, string from, string to, Article? article)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Redirects.Add(new Redirect
        {
            FromPath = from,
            QueryKeys = from.Contains('?', StringComparison.Ordinal) ? RedirectPaths.QueryKeysOf(from) : null,
            ToUrl = to,
            Origin = RedirectOrigin.Imported,
            Article = article,
            CreatedAt = now,
            UpdatedAt = now,
        });
        run.Report.Imported("redirects");
    }

    /// <summary>The normal forms of a redirect, or null when it would lead to itself or cannot be one.</summary>
    private static (string From, string To)? Normalise(string from, string to) =>
        RedirectPaths.TryNormaliseFrom(from, out var normalFrom, out _)
        && RedirectPaths.TryNormaliseTo(to, out var normalTo, out _)
        && normalFrom != normalTo
            ? (normalFrom, normalTo)
            : null;
}
