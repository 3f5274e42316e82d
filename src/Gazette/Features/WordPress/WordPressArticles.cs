using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// The import's pass over posts and pages: each becomes an article, filed under its terms, with its
/// author, featured image, parent page, old addresses and comments. Featured images and parent pages
/// that stand later in the file are linked once every item is in (<see cref="LinkDeferredAsync"/>).
/// </summary>
internal sealed class WordPressArticles(
    GazetteDbContext db, ImportRun run, WordPressAuthors authors, WordPressTerms terms, WordPressAttachments attachments,
    WordPressComments comments, WordPressRedirects redirects, TimeProvider clock)
{
    /// <summary>WordPress post id → article id, of every article saved so far.</summary>
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<(int ArticleId, string ThumbnailId)> _thumbnails = [];
    private readonly List<(int ArticleId, string ParentId)> _parents = [];

    /// <summary>What the batch made, until it is saved.</summary>
    private readonly Dictionary<string, Article> _batch = new(StringComparer.Ordinal);
    private readonly HashSet<string> _batchSlugs = new(StringComparer.Ordinal);
    private readonly List<(Article Article, string ThumbnailId)> _batchThumbnails = [];
    private readonly List<(Article Article, string ParentId)> _batchParents = [];

    /// <summary>WordPress post id → article id, of every article saved so far: what menus link to.</summary>
    public IReadOnlyDictionary<string, int> Ids => _ids;

    public async Task ImportAsync(WxrItem item, CancellationToken cancellationToken)
    {
        var kind = item.Type == "page" ? "pages" : "posts";
        if (run.WasImported("item", item.Id, out var known) && int.TryParse(known, CultureInfo.InvariantCulture, out var knownId)
            && await db.Articles.AsNoTracking().Where(a => a.Id == knownId)
                .Select(a => new ImportedBefore(a.Kind, a.Status, a.PublishedAt, a.Slug, a.ParentId)).FirstOrDefaultAsync(cancellationToken) is { } before)
        {
            _ids[item.Id] = knownId;
            run.Report.Skipped(kind, ImportText.Describe(item), "already imported");
            // An earlier run stopped (or was killed) after this article's batch may not have got to what is done
            // once every item is in: this run does it, so it must know the article as a run that made it would.
            redirects.KnowArticle(item.Id, before.Kind, before.Status, before.PublishedAt, before.Slug);
            if (before is { Kind: ArticleKind.Page, ParentId: null } && item.Parent is { Length: > 0 } parentOfKnown && parentOfKnown != "0")
            {
                _parents.Add((knownId, parentOfKnown));
            }
            await comments.AddAsync(item, null, knownId, cancellationToken);
            return;
        }
        var (status, skip) = item.Status switch
        {
            "publish" => (ArticleStatus.Published, null),
            "future" => (ArticleStatus.Scheduled, null),
            "draft" => (ArticleStatus.Draft, null),
            "pending" => (ArticleStatus.Pending, null),
            "private" => (ArticleStatus.Private, null),
            "trash" => (ArticleStatus.Draft, "in WordPress's trash"),
            "auto-draft" => (ArticleStatus.Draft, "an empty auto-draft WordPress made by itself"),
            "inherit" => (ArticleStatus.Draft, "a revision of another item"),
            _ => (ArticleStatus.Draft, (string?)null),
        };
        if (skip is not null)
        {
            run.Report.Skipped(kind, ImportText.Describe(item), skip);
            comments.Skip(item, "its item was not imported");
            return;
        }
        if (item.Status is not ("publish" or "future" or "draft" or "pending" or "private"))
        {
            run.Report.Warn($"{kind}: {ImportText.Describe(item)}: unknown status \"{item.Status}\", kept as a draft");
        }
        if (item.Password is { Length: > Article.MaxPasswordLength } && status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Private)
        {
            status = ArticleStatus.Draft;
            run.Report.Warn($"{kind}: {ImportText.Describe(item)}: its password is longer than {Article.MaxPasswordLength} characters, so it is kept unpublished as a draft, without it: set a new one");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var date = item.DateGmt ?? item.DateLocal;
        var converted = WordPressContent.ToBody(attachments.Rewrite(item.Content), attachments.Image, () => attachments.AttachedTo(item.Id));
        foreach (var note in converted.Notes)
        {
            run.Report.Warn($"{kind}: {ImportText.Describe(item)}: {note}");
        }
        var title = item.Title.Length > 0 ? ImportText.Cut(item.Title, 300) : "Untitled";
        var excerpt = WordPressContent.ToPlainText(item.Excerpt);
        var article = new Article
        {
            Kind = item.Type == "page" ? ArticleKind.Page : ArticleKind.Post,
            Title = title,
            Slug = await UniqueSlugAsync(ImportText.Slug(item.Slug, title), cancellationToken),
            // Its HTML, text and summary follow on saving (ArticleContentOnSave), as for any article.
            Body = converted.Html,
            Excerpt = excerpt.Length == 0 ? null : Summaries.Cut(excerpt, 1000),
            Status = status,
            CreatedAt = date ?? now,
            UpdatedAt = item.ModifiedGmt ?? item.ModifiedLocal ?? date ?? now,
            PublishedAt = status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Private ? date ?? now : date,
            AuthorId = await authors.ForItemAsync(item.Creator, cancellationToken),
            CommentsOpen = item.CommentStatus == "open",
            IsSticky = item.IsSticky,
            MenuOrder = item.MenuOrder,
            Password = item.Password is { Length: <= Article.MaxPasswordLength } ? item.Password : null,
            SearchTitle = WordPressSeo.TitleOf(item.Meta, title, excerpt),
            SearchDescription = WordPressSeo.DescriptionOf(item.Meta, title, excerpt),
        };
        if (Episodes.FromWordPress(item.Meta.GetValueOrDefault("enclosure")) is { } episode)
        {
            (article.EnclosureUrl, article.EnclosureLength, article.EnclosureType) = episode;
        }
        var byline = await authors.BylineAsync(item, cancellationToken);
        if (byline.Count > 0)
        {
            article.AuthorId = byline[0];
            foreach (var (coAuthor, position) in byline.Skip(1).Select((id, i) => (id, i)))
            {
                article.CoAuthors.Add(new ArticleCoAuthor { UserId = coAuthor, Position = position });
            }
        }
        if (article.Slug != ImportText.Slug(item.Slug, title) && item.Slug.Length > 0)
        {
            run.Report.Warn($"{kind}: {ImportText.Describe(item)}: the slug \"{item.Slug}\" was taken, so it is \"{article.Slug}\" (old links redirect)");
        }
        db.Articles.Add(article);
        await terms.FileAsync(item, article, cancellationToken);
        if (item.Meta.TryGetValue("_thumbnail_id", out var thumbnail) && thumbnail.Trim() is { Length: > 0 } thumbnailId)
        {
            if (attachments.Image(thumbnailId) is { } image)
            {
                UseImage(article, image);
            }
            else
            {
                _batchThumbnails.Add((article, thumbnailId));
            }
        }
        if (article.Kind == ArticleKind.Page && item.Parent is { Length: > 0 } parent && parent != "0")
        {
            if (_ids.TryGetValue(parent, out var parentId))
            {
                article.ParentId = parentId;
            }
            else
            {
                // Not saved yet (in this batch) or later in the file: filed once every page has its id.
                _batchParents.Add((article, parent));
            }
        }
        run.Map("item", item.Id, () => article.Id.ToString(CultureInfo.InvariantCulture));
        _batch[item.Id] = article;
        redirects.ForArticle(item, article);
        run.Report.Imported(kind);
        await comments.AddAsync(item, article, null, cancellationToken);
    }

    /// <summary>The batch is saved: its articles have their keys.</summary>
    public void Saved()
    {
        foreach (var (wordPressId, article) in _batch)
        {
            _ids[wordPressId] = article.Id;
        }
        _thumbnails.AddRange(_batchThumbnails.Select(t => (t.Article.Id, t.ThumbnailId)));
        _parents.AddRange(_batchParents.Select(p => (p.Article.Id, p.ParentId)));
        _batch.Clear();
        _batchSlugs.Clear();
        _batchThumbnails.Clear();
        _batchParents.Clear();
    }

    /// <summary>Featured images and parent pages that named an item later in the file than themselves.</summary>
    public async Task LinkDeferredAsync(CancellationToken cancellationToken)
    {
        foreach (var (articleId, thumbnailId) in _thumbnails)
        {
            if (await attachments.FindAsync(thumbnailId, cancellationToken) is { } image)
            {
                await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(set => set
                    .SetProperty(a => a.FeaturedImageUrl, ImportText.Cut(image.Url, 2000))
                    .SetProperty(a => a.FeaturedImageAlt, ImportText.CutOrNull(image.Alt, 500))
                    .SetProperty(a => a.FeaturedImageCaption, ImportText.CutOrNull(image.Caption, 1000))
                    .SetProperty(a => a.FeaturedImageCredit, ImportText.CutOrNull(image.Credit, 300)), cancellationToken);
            }
            else
            {
                run.Report.Warn($"featured image {thumbnailId} of article {articleId} is not in the export: left out");
            }
        }
        foreach (var (articleId, parentId) in _parents)
        {
            if (_ids.TryGetValue(parentId, out var parent))
            {
                await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(set => set.SetProperty(a => a.ParentId, parent), cancellationToken);
            }
            else
            {
                run.Report.Warn($"the parent page {parentId} of page {articleId} is not in the export: it is a top-level page");
            }
        }
    }

    /// <summary>What the deferred links need of an article an earlier run made.</summary>
    private sealed record ImportedBefore(ArticleKind Kind, ArticleStatus Status, DateTime? PublishedAt, string Slug, int? ParentId);

    private static void UseImage(Article article, WordPressImage image)
    {
        article.FeaturedImageUrl = ImportText.Cut(image.Url, 2000);
        article.FeaturedImageAlt = ImportText.CutOrNull(image.Alt, 500);
        article.FeaturedImageCaption = ImportText.CutOrNull(image.Caption, 1000);
        article.FeaturedImageCredit = ImportText.CutOrNull(image.Credit, 300);
    }

    private async Task<string> UniqueSlugAsync(string slug, CancellationToken cancellationToken)
    {
        var candidate = slug;
        for (var n = 2; _batchSlugs.Contains(candidate) || await db.Articles.AnyAsync(a => a.Slug == candidate, cancellationToken); n++)
        {
            candidate = $"{slug}-{n}";
        }
        _batchSlugs.Add(candidate);
        return candidate;
    }
}
