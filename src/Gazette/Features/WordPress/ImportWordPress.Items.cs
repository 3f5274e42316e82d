using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    private async Task ImportItemAsync(Run run, Batch batch, WxrItem item, CancellationToken cancellationToken)
    {
        switch (item.Type)
        {
            case "post" or "page":
                await ImportArticleAsync(run, batch, item, cancellationToken);
                break;
            case "attachment":
                await ImportAttachmentAsync(run, batch, item, cancellationToken);
                if (item.Parent is { Length: > 0 } parent && parent != "0" && run.Images.TryGetValue(item.Id, out var image))
                {
                    // For the parent's galleries that name no images: WordPress shows those attached to the post.
                    run.AttachedImages.TryAdd(parent, []);
                    run.AttachedImages[parent].Add((item.MenuOrder, image));
                }
                break;
            case "nav_menu_item":
                run.MenuItems.Add(item);
                break;
            default:
                run.Report.Skipped("posts", Describe(item), $"a WordPress \"{item.Type}\", which has no counterpart here");
                SkipComments(run, item, "its item was not imported");
                break;
        }
    }

    private async Task ImportArticleAsync(Run run, Batch batch, WxrItem item, CancellationToken cancellationToken)
    {
        var kind = item.Type == "page" ? "pages" : "posts";
        if (batch.Mapped.TryGetValue(("item", item.Id), out var known) && int.TryParse(known, CultureInfo.InvariantCulture, out var knownId)
            && await db.Articles.AnyAsync(a => a.Id == knownId, cancellationToken))
        {
            run.Posts[item.Id] = knownId;
            run.Report.Skipped(kind, Describe(item), "already imported");
            await ImportCommentsAsync(run, batch, item, null, knownId, cancellationToken);
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
            run.Report.Skipped(kind, Describe(item), skip);
            SkipComments(run, item, "its item was not imported");
            return;
        }
        if (item.Status is not ("publish" or "future" or "draft" or "pending" or "private"))
        {
            run.Report.Warn($"{kind}: {Describe(item)}: unknown status \"{item.Status}\", kept as a draft");
        }
        if (item.Password is { Length: > Article.MaxPasswordLength } && status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Private)
        {
            status = ArticleStatus.Draft;
            run.Report.Warn($"{kind}: {Describe(item)}: its password is longer than {Article.MaxPasswordLength} characters, so it is kept unpublished as a draft, without it: set a new one");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var date = item.DateGmt ?? item.DateLocal;
        var converted = WordPressContent.ToBody(
            UploadUrls.Rewrite(item.Content, run.StoredUploads), id => run.Images.GetValueOrDefault(id),
            () => run.AttachedImages.TryGetValue(item.Id, out var attached) ? [.. attached.OrderBy(a => a.Order).Select(a => a.Image)] : []);
        foreach (var note in converted.Notes)
        {
            run.Report.Warn($"{kind}: {Describe(item)}: {note}");
        }
        var title = item.Title.Length > 0 ? Cut(item.Title, 300) : "Untitled";
        var excerpt = WordPressContent.ToPlainText(item.Excerpt);
        var article = new Article
        {
            Kind = item.Type == "page" ? ArticleKind.Page : ArticleKind.Post,
            Title = title,
            Slug = await UniqueSlugAsync(batch, TermSlug(item.Slug, title), cancellationToken),
            // Its HTML, text and summary follow on saving (ArticleContentOnSave), as for any article.
            Body = converted.Html,
            Excerpt = excerpt.Length == 0 ? null : Summaries.Cut(excerpt, 1000),
            Status = status,
            CreatedAt = date ?? now,
            UpdatedAt = item.ModifiedGmt ?? item.ModifiedLocal ?? date ?? now,
            PublishedAt = status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Private ? date ?? now : date,
            AuthorId = await AuthorForAsync(run, batch, item.Creator, cancellationToken),
            CommentsOpen = item.CommentStatus == "open",
            IsSticky = item.IsSticky,
            MenuOrder = item.MenuOrder,
            Password = item.Password is { Length: <= Article.MaxPasswordLength } ? item.Password : null,
        };
        if (article.Slug != TermSlug(item.Slug, title) && item.Slug.Length > 0)
        {
            run.Report.Warn($"{kind}: {Describe(item)}: the slug \"{item.Slug}\" was taken, so it is \"{article.Slug}\" (old links redirect)");
        }
        db.Articles.Add(article);
        await FileUnderTermsAsync(run, batch, item, article, cancellationToken);
        if (item.Meta.TryGetValue("_thumbnail_id", out var thumbnail) && thumbnail.Trim() is { Length: > 0 } thumbnailId)
        {
            if (run.Images.TryGetValue(thumbnailId, out var image))
            {
                UseImage(article, image);
            }
            else
            {
                batch.Thumbnails.Add((article, thumbnailId));
            }
        }
        if (article.Kind == ArticleKind.Page && item.Parent is { Length: > 0 } parent && parent != "0")
        {
            if (run.Posts.TryGetValue(parent, out var parentId))
            {
                article.ParentId = parentId;
            }
            else
            {
                // Not saved yet (in this batch) or later in the file: filed once every page has its id.
                batch.Parents.Add((article, parent));
            }
        }
        run.Map("item", item.Id, () => article.Id.ToString(CultureInfo.InvariantCulture));
        batch.Articles[item.Id] = article;
        RedirectsFor(run, batch, item, article);
        run.Report.Imported(kind);
        await ImportCommentsAsync(run, batch, item, article, null, cancellationToken);
    }

    private static void UseImage(Article article, WordPressImage image)
    {
        article.FeaturedImageUrl = Cut(image.Url, 2000);
        article.FeaturedImageAlt = CutOrNull(image.Alt, 500);
        article.FeaturedImageCaption = CutOrNull(image.Caption, 1000);
        article.FeaturedImageCredit = CutOrNull(image.Credit, 300);
    }

    private async Task<string> UniqueSlugAsync(Batch batch, string slug, CancellationToken cancellationToken)
    {
        var candidate = slug;
        for (var n = 2; batch.Slugs.Contains(candidate) || await db.Articles.AnyAsync(a => a.Slug == candidate, cancellationToken); n++)
        {
            candidate = $"{slug}-{n}";
        }
        batch.Slugs.Add(candidate);
        return candidate;
    }

    private async Task FileUnderTermsAsync(Run run, Batch batch, WxrItem item, Article article, CancellationToken cancellationToken)
    {
        foreach (var term in item.Terms.DistinctBy(t => (t.Domain, TermSlug(t.Slug, t.Name))))
        {
            var slug = TermSlug(term.Slug, term.Name);
            switch (term.Domain)
            {
                case "category":
                    article.Categories.Add(await CategoryAsync(run, batch, slug, term.Name, cancellationToken));
                    break;
                case "post_tag" or "tag":
                    article.Tags.Add(await TagAsync(run, batch, slug, term.Name, cancellationToken));
                    break;
                case "post_format":
                    // Kept as a tag under WordPress's own slug (post-format-video), which the export turns back into a format.
                    article.Tags.Add(await TagAsync(run, batch, slug, term.Name, cancellationToken));
                    if (run.PostFormats.Add(slug))
                    {
                        run.Report.Warn($"posts: post format \"{term.Name}\" is kept as the tag \"{slug}\" (no post formats here)");
                    }
                    break;
                default:
                    run.Report.Warn($"posts: {Describe(item)}: term \"{term.Name}\" of taxonomy \"{term.Domain}\" left out");
                    break;
            }
        }
    }

    private async Task<Category> CategoryAsync(Run run, Batch batch, string slug, string name, CancellationToken cancellationToken)
    {
        if (batch.NewCategories.TryGetValue(slug, out var pending))
        {
            return pending;
        }
        if (!run.Categories.TryGetValue(slug, out var id))
        {
            id = await db.Categories.Where(c => c.Slug == slug).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            run.Categories[slug] = id;
        }
        if (id == 0)
        {
            run.Categories.Remove(slug);
            var category = new Category { Name = Cut(name.Length > 0 ? name : slug, 200), Slug = slug };
            batch.NewCategories[slug] = category;
            run.Map("category", "slug:" + slug, () => category.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported("categories");
            return category;
        }
        if (!batch.AttachedCategories.TryGetValue(id, out var attached))
        {
            attached = new Category { Id = id };
            db.Categories.Attach(attached);
            batch.AttachedCategories[id] = attached;
        }
        return attached;
    }

    private async Task<Tag> TagAsync(Run run, Batch batch, string slug, string name, CancellationToken cancellationToken)
    {
        if (batch.NewTags.TryGetValue(slug, out var pending))
        {
            return pending;
        }
        if (!run.Tags.TryGetValue(slug, out var id))
        {
            id = await db.Tags.Where(t => t.Slug == slug).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
            run.Tags[slug] = id;
        }
        if (id == 0)
        {
            run.Tags.Remove(slug);
            var tag = new Tag { Name = Cut(name.Length > 0 ? name : slug, 200), Slug = slug };
            batch.NewTags[slug] = tag;
            run.Map("tag", "slug:" + slug, () => tag.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported("tags");
            return tag;
        }
        if (!batch.AttachedTags.TryGetValue(id, out var attached))
        {
            attached = new Tag { Id = id };
            db.Tags.Attach(attached);
            batch.AttachedTags[id] = attached;
        }
        return attached;
    }

    private async Task ImportAttachmentAsync(Run run, Batch batch, WxrItem item, CancellationToken cancellationToken)
    {
        var alt = item.Meta.GetValueOrDefault("_wp_attachment_image_alt") is { } a ? WxrReader.Blank(a) : null;
        var caption = WxrReader.Blank(WordPressContent.ToPlainText(item.Excerpt));
        var credit = CreditOf(item.Meta);
        var url = item.AttachmentUrl ?? item.GuidText ?? "";
        if (batch.Mapped.TryGetValue(("item", item.Id), out var known))
        {
            if (int.TryParse(known, CultureInfo.InvariantCulture, out var mediaId)
                && await db.MediaItems.Where(m => m.Id == mediaId).Select(m => m.Path).FirstOrDefaultAsync(cancellationToken) is { } stored)
            {
                Remember(run, url, stored);
                url = stored;
            }
            run.Images[item.Id] = new WordPressImage(url, alt, caption, credit);
            run.Report.Skipped("attachments", Describe(item), "already imported");
            return;
        }
        // Without its file, articles use the image at its WordPress address.
        void KeepOriginal(string why)
        {
            run.Images[item.Id] = new WordPressImage(url, alt, caption, credit);
            run.Report.Skipped("attachments", $"{Describe(item)} at {url}", why + ": articles keep its original address");
            RedirectsForAttachment(run, item, null);
        }
        if (run.Files is null)
        {
            run.Map("item", item.Id, () => "");
            KeepOriginal("its file was not asked for (no uploads folder, no downloads)");
            return;
        }
        var file = await run.Files.ReadAsync(item, cancellationToken);
        if (file.Content is null)
        {
            KeepOriginal(file.WhyNot!);
            return;
        }
        using var stream = new MemoryStream(file.Content, writable: false);
        var upload = new FormFile(stream, 0, stream.Length, "file", file.FileName) { Headers = new HeaderDictionary() };
        var author = await AuthorForAsync(run, batch, item.Creator, cancellationToken);
        var result = await uploadMedia.ExecuteAsync(upload, author, new MediaDescription(alt, caption, credit), cancellationToken);
        if (result.Item is not { } media)
        {
            KeepOriginal($"not stored ({result.Error})");
            return;
        }
        run.Images[item.Id] = new WordPressImage(media.Path, alt, caption, credit);
        Remember(run, url, media.Path);
        run.Map("item", item.Id, () => media.Id.ToString(CultureInfo.InvariantCulture));
        RedirectsForAttachment(run, item, media.Path);
        run.Report.Imported("attachments");
    }

    private static void Remember(Run run, string original, string stored)
    {
        if (UploadUrls.Key(original) is { } key)
        {
            run.StoredUploads[key] = stored;
        }
    }

    /// <summary>
    /// An image credit, where WordPress kept one: a credit plugin's field, or the IPTC credit WordPress
    /// read from the file into <c>_wp_attachment_metadata</c> (a PHP-serialised array).
    /// </summary>
    private static string? CreditOf(Dictionary<string, string> meta)
    {
        foreach (var key in new[] { "_media_credit", "_wp_attachment_credit", "credit", "_credit" })
        {
            if (meta.TryGetValue(key, out var value) && WxrReader.Blank(value) is { } credit)
            {
                return credit;
            }
        }
        return meta.TryGetValue("_wp_attachment_metadata", out var serialised)
            && SerialisedCredit().Match(serialised) is { Success: true } match && WxrReader.Blank(match.Groups["credit"].Value) is { } found
            ? found : null;
    }

    /// <summary>An attachment by its WordPress id: from this import, or stored by an earlier one.</summary>
    private async Task<WordPressImage?> ImageAsync(Run run, string id, CancellationToken cancellationToken)
    {
        if (run.Images.TryGetValue(id, out var image))
        {
            return image;
        }
        var local = await db.ImportedItems.Where(i => i.Source == run.Source && i.Kind == "item" && i.ExternalId == id)
            .Select(i => i.LocalId).FirstOrDefaultAsync(cancellationToken);
        if (!int.TryParse(local, CultureInfo.InvariantCulture, out var mediaId))
        {
            return null;
        }
        return await db.MediaItems.Where(m => m.Id == mediaId)
            .Select(m => new WordPressImage(m.Path, m.AltText, m.Caption, m.Credit)).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Describe(WxrItem item) => $"#{item.Id} \"{(item.Title.Length <= 60 ? item.Title : item.Title[..60] + "…")}\"";

    [GeneratedRegex(@"s:6:""credit"";s:\d+:""(?<credit>[^""]*)""")]
    private static partial Regex SerialisedCredit();
}
