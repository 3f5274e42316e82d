using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Media;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>What the editor's button asked for.</summary>
public enum SaveIntent
{
    /// <summary>Keep (or put back) as a draft.</summary>
    Draft,

    /// <summary>A Contributor hands the draft to the Editors.</summary>
    SubmitForReview,

    /// <summary>
    /// Publish at <see cref="ArticleForm.PublishAt"/>, or now when it is empty: a time to come
    /// schedules the article, a past time back-dates it.
    /// </summary>
    Publish,

    /// <summary>Publish for staff only: readers never see it (WordPress's "private").</summary>
    Private,
}

/// <summary>
/// Creates or updates an article from the editor, as a draft, for review, scheduled or published.
/// Every save keeps a revision, and a published article whose address changes keeps its old one
/// as a redirect.
/// </summary>
public sealed class SaveArticle(
    GazetteDbContext db, UploadMedia uploadMedia, ArticleHistory history, TimeProvider clock,
    SiteTime siteTime, PublishScheduledArticles scheduler)
{
    public sealed record Result(Article? Article, IReadOnlyDictionary<string, string> Errors)
    {
        public bool Succeeded => Article is not null;
    }

    /// <summary>
    /// Saves <paramref name="form"/> into article <paramref name="id"/> (null: a new article by
    /// <paramref name="user"/>, who saves it in any case) with the status <paramref name="intent"/> asks for. The caller
    /// has checked the user may do that (<see cref="ArticlePermissions"/>); a new category and
    /// stickiness are checked here, since the form carries them. Nothing is stored when the result has errors.
    /// </summary>
    public async Task<Result> ExecuteAsync(
        int? id, ArticleForm form, IFormFile? image, SaveIntent intent, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        var authorId = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new ArgumentException("Only a signed-in member of staff saves articles.", nameof(user));
        var errors = new Dictionary<string, string>();
        Article article;
        if (id is { } existingId)
        {
            var found = await db.Articles.Include(a => a.Categories).Include(a => a.Tags).Include(a => a.CoAuthors)
                .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == existingId, cancellationToken);
            if (found is null)
            {
                return new Result(null, new Dictionary<string, string> { [""] = "That article no longer exists." });
            }
            article = found;
        }
        else
        {
            article = new Article { Kind = form.Kind, AuthorId = authorId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        }
        var isPage = article.Kind == ArticleKind.Page;

        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(form.Title) : form.Slug.Trim();
        if (!string.IsNullOrWhiteSpace(form.Slug))
        {
            if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken))
            {
                errors[nameof(ArticleForm.Slug)] = $"Another article already uses the slug \"{slug}\".";
            }
        }
        else
        {
            slug = await UniqueSlugAsync(isPage && PageSlugs.IsReserved(slug) ? slug + "-page" : slug, article.Id, cancellationToken);
        }
        if (isPage && PageSlugs.IsReserved(slug))
        {
            errors[nameof(ArticleForm.Slug)] = $"\"{slug}\" is taken by an address of the site itself: choose another slug for this page.";
        }
        if (!isPage && Blank(form.NewCategory) is not null && !ArticlePermissions.CanManageCategories(user))
        {
            errors[nameof(ArticleForm.NewCategory)] =
                "Only Editors and Administrators add categories. Choose among the existing ones, or ask an Editor to add it.";
        }
        // The byline: Editors and Administrators put any member of staff's name on it; others keep what it has.
        var byline = Blank(form.AuthorId) ?? article.AuthorId;
        if (byline != article.AuthorId)
        {
            if (!ArticlePermissions.CanEditEveryone(user))
            {
                errors[nameof(ArticleForm.AuthorId)] = "Only Editors and Administrators put another name on the byline.";
            }
            else if (!await db.Users.AnyAsync(u => u.Id == byline, cancellationToken))
            {
                errors[nameof(ArticleForm.AuthorId)] = "That member of staff no longer has an account: choose another byline.";
            }
        }
        var coAuthors = article.CoAuthors.OrderBy(c => c.Position).Select(c => c.UserId).Where(id => id != byline).ToList();
        if (!isPage && form.CoAuthorIds is { } wanted)
        {
            var chosen = wanted.Where(id => !string.IsNullOrWhiteSpace(id) && id != byline).Distinct(StringComparer.Ordinal).ToList();
            if (!chosen.SequenceEqual(coAuthors))
            {
                if (!ArticlePermissions.CanEditEveryone(user))
                {
                    errors[nameof(ArticleForm.CoAuthorIds)] = "Only Editors and Administrators add names to the byline.";
                }
                else if (chosen.Count > MaxCoAuthors)
                {
                    errors[nameof(ArticleForm.CoAuthorIds)] = $"A byline names at most {MaxCoAuthors + 1} people.";
                }
                else if (await db.Users.CountAsync(u => chosen.Contains(u.Id), cancellationToken) != chosen.Count)
                {
                    errors[nameof(ArticleForm.CoAuthorIds)] = "One of those names no longer has an account: choose again.";
                }
                else
                {
                    coAuthors = chosen;
                }
            }
        }
        if (isPage && form.ParentId is { } parentId && !await PageSlugs.CanBeParentAsync(db, parentId, article.Id, cancellationToken))
        {
            errors[nameof(ArticleForm.ParentId)] = "That page cannot be the parent: it is this page, sits under it, or no longer exists.";
        }

        DateTime? publishAt = null;
        if (form.PublishAt is { } local)
        {
            publishAt = siteTime.ToUtc(local);
            if (publishAt is null)
            {
                errors[nameof(ArticleForm.PublishAt)] =
                    $"Clocks in {siteTime.TimeZone.Id} skip that time when summer time starts: choose another.";
            }
            else if (article.PublishedAt is { } stored && stored.AddTicks(-(stored.Ticks % TimeSpan.TicksPerMinute)) == publishAt)
            {
                // The editor shows minutes only: the same minute sent back keeps the stored seconds.
                publishAt = stored;
            }
        }

        var imageUrl = form.FeaturedImageUrl?.Trim();
        if (!string.IsNullOrEmpty(imageUrl) && !IsAcceptableImageUrl(imageUrl))
        {
            errors[nameof(ArticleForm.FeaturedImageUrl)] = "Use an https:// address or a /media/ path.";
        }
        var episode = Episodes.Normalise(form.EnclosureUrl);
        if (!string.IsNullOrWhiteSpace(form.EnclosureUrl) && episode is null)
        {
            errors[nameof(ArticleForm.EnclosureUrl)] = "Use an https:// address or a /media/ path.";
        }
        // Before anything of the article changes in the context: the library saves the image on its own.
        if (errors.Count == 0 && image is { Length: > 0 })
        {
            var upload = await uploadMedia.ExecuteAsync(image, authorId, form.ImageDescription(), cancellationToken);
            if (upload.Item is { } uploaded)
            {
                form.UseLibraryImage(uploaded);
                imageUrl = uploaded.Path;
            }
            else
            {
                errors["FeaturedImage"] = upload.Error!;
            }
        }
        else if (errors.Count == 0 && form.FeaturedMediaId is { } mediaId)
        {
            if (await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mediaId, cancellationToken) is { } picked)
            {
                await PickLibraryImageAsync(db, form, picked, cancellationToken);
                imageUrl = picked.Path;
            }
            else
            {
                errors[nameof(ArticleForm.FeaturedMediaId)] = "That image is no longer in the media library. Pick another one.";
            }
        }
        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }
        var before = id is null ? ArticleHistory.NewArticle : await history.BeforeChangeAsync(article, cancellationToken);
        if (article.Id == 0)
        {
            db.Articles.Add(article);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        article.Title = form.Title.Trim();
        article.Slug = slug;
        // Its HTML, text and summary follow on saving (ArticleContentOnSave).
        article.Body = form.Body;
        article.Excerpt = Blank(form.Excerpt);
        article.FeaturedImageUrl = Blank(imageUrl);
        article.FeaturedImageAlt = Blank(form.FeaturedImageAlt);
        article.FeaturedImageCaption = Blank(form.FeaturedImageCaption);
        article.FeaturedImageCredit = Blank(form.FeaturedImageCredit);
        article.SearchTitle = Blank(form.SearchTitle);
        article.SearchDescription = Blank(form.SearchDescription);
        if (episode != article.EnclosureUrl)
        {
            // A new file: its size is not known here (0 tells feed readers so), its type is its name's.
            article.EnclosureUrl = episode;
            article.EnclosureLength = 0;
            article.EnclosureType = episode is null ? null : Episodes.TypeOf(episode);
        }
        article.CommentsOpen = form.CommentsOpen;
        article.AuthorId = byline;
        SetCoAuthors(article, coAuthors);
        // Pages have no place on the home page and no terms; they sit in the page tree instead.
        // Whoever may not make articles sticky leaves the article as an Editor left it.
        article.IsSticky = !isPage && (ArticlePermissions.CanMakeSticky(user) ? form.IsSticky : article.IsSticky);
        // Who may publish it sets who may read it; for others the field is not on the form, and the password stays.
        article.Password = ArticlePermissions.CanPublish(user) ? Blank(form.Password) : article.Password;
        article.ParentId = isPage ? form.ParentId : null;
        article.MenuOrder = isPage ? form.MenuOrder : 0;
        article.UpdatedAt = now;
        switch (intent)
        {
            case SaveIntent.Publish:
                article.PublishedAt = publishAt ?? (article.Status == ArticleStatus.Published ? article.PublishedAt : null) ?? now;
                article.Status = article.PublishedAt > now ? ArticleStatus.Scheduled : ArticleStatus.Published;
                break;
            case SaveIntent.Private:
                article.PublishedAt = publishAt ?? article.PublishedAt ?? now;
                article.Status = ArticleStatus.Private;
                break;
            case SaveIntent.SubmitForReview:
                article.Status = ArticleStatus.Pending;
                break;
            default:
                // A time chosen for a draft is kept for when it is published.
                article.PublishedAt = publishAt ?? article.PublishedAt;
                article.Status = ArticleStatus.Draft;
                break;
        }

        if (!isPage)
        {
            await SetCategoriesAsync(article, form, cancellationToken);
            await SetTagsAsync(article, form.Tags, cancellationToken);
        }
        await history.RecordAsync(article, before, authorId, note: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (article.Status == ArticleStatus.Scheduled)
        {
            scheduler.Wake();
        }
        return new Result(article, errors);
    }

    /// <summary>At most this many names after the author's in a byline.</summary>
    public const int MaxCoAuthors = 5;

    /// <summary>The article's co-authors become <paramref name="ids"/>, in that order: rows kept where they can be.</summary>
    private void SetCoAuthors(Article article, List<string> ids)
    {
        foreach (var gone in article.CoAuthors.Where(c => !ids.Contains(c.UserId)).ToList())
        {
            article.CoAuthors.Remove(gone);
            db.Remove(gone);
        }
        for (var position = 0; position < ids.Count; position++)
        {
            if (article.CoAuthors.FirstOrDefault(c => c.UserId == ids[position]) is { } kept)
            {
                kept.Position = position;
            }
            else
            {
                article.CoAuthors.Add(new ArticleCoAuthor { UserId = ids[position], Position = position });
            }
        }
    }

    /// <summary>Makes library image <paramref name="item"/> the form's featured image: see <see cref="ArticleForm.UseLibraryImage"/>.</summary>
    public static async Task PickLibraryImageAsync(GazetteDbContext db, ArticleForm form, MediaItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(item);
        var current = form.FeaturedImageUrl?.Trim();
        var replacing = !string.IsNullOrEmpty(current) && current != item.Path
            ? await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Path == current, cancellationToken)
            : null;
        form.UseLibraryImage(item, replacing);
    }

    private async Task SetCategoriesAsync(Article article, ArticleForm form, CancellationToken cancellationToken)
    {
        var chosen = await db.Categories.Where(c => form.CategoryIds.Contains(c.Id)).ToListAsync(cancellationToken);
        if (Blank(form.NewCategory) is { } newName)
        {
            var slug = Slugs.From(newName);
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken)
                ?? db.Categories.Add(new Category { Name = newName, Slug = slug, ParentId = form.NewCategoryParentId }).Entity;
            chosen.Add(category);
        }
        article.Categories.Clear();
        foreach (var category in chosen.DistinctBy(c => c.Slug))
        {
            article.Categories.Add(category);
        }
    }

    private async Task SetTagsAsync(Article article, string? tagList, CancellationToken cancellationToken)
    {
        var names = (tagList ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.Length <= 100)
            .DistinctBy(Slugs.From)
            .ToList();
        var slugs = names.Select(Slugs.From).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        article.Tags.Clear();
        foreach (var name in names)
        {
            var slug = Slugs.From(name);
            article.Tags.Add(existing.GetValueOrDefault(slug) ?? new Tag { Name = name, Slug = slug });
        }
    }

    private Task<string> UniqueSlugAsync(string slug, int articleId, CancellationToken cancellationToken) =>
        Slugs.UniqueAsync(db.Articles.Where(a => a.Id != articleId).Select(a => a.Slug), slug, cancellationToken);

    private static bool IsAcceptableImageUrl(string url) =>
        url.StartsWith("/media/", StringComparison.Ordinal)
        || url.StartsWith("/demo/", StringComparison.Ordinal)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
