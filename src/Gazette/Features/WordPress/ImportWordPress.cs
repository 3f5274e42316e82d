using System.Diagnostics;
using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Gazette.Features.Media;
using Gazette.Features.Redirects;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.WordPress;

/// <summary>Where the import stands, for the progress bar: items done out of the items in the file.</summary>
public sealed record ImportProgress(string Stage, int Done, int Total);

/// <summary>
/// Imports a WordPress export (WXR). A first pass reads the whole file and writes nothing
/// (<see cref="WxrValidator"/>), so a broken file leaves the database as it was; two more passes
/// stream it again, the attachments and then the rest, and write in batches, each in its own
/// transaction, so readers of the site are never held up for the length of a big import. Every item is recorded in
/// <see cref="ImportedItem"/> by its WordPress ID: running the same import again changes nothing.
/// </summary>
public sealed partial class ImportWordPress(
    GazetteDbContext db, UploadMedia uploadMedia, Avatars avatars,
    IOptionsMonitor<CommentSettings> commentSettings, ILookupNormalizer normalizer, RedirectLookup redirectLookup,
    PublishScheduledArticles scheduler, PageCacheInvalidation cache, TimeProvider clock, ILogger<ImportWordPress> logger)
{
    private const int BatchItems = 250;
    private const int BatchComments = 4000;

    /// <summary>
    /// Imports the export at <paramref name="path"/>; attachments' files come from <paramref name="files"/>
    /// when given, otherwise articles keep their WordPress addresses.
    /// </summary>
    public async Task<ImportReport> ExecuteAsync(
        string path, AttachmentFiles? files, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var watch = Stopwatch.StartNew();
        var report = new ImportReport();
        try
        {
            WxrValidator.Summary summary;
            await using (var check = File.OpenRead(path))
            {
                var checking = new Progress<double>(f => progress?.Report(new ImportProgress("Checking the file", (int)(f * 100), 100)));
                summary = WxrValidator.Validate(check, progress is null ? null : checking, cancellationToken);
            }
            var run = new Run(SourceOf(summary.Channel), BasePathOf(summary.Channel), files, report, progress, summary.Items);
            // Made now, outside any batch: on SQLite a second connection could not write during one.
            await avatars.SeedForAsync("", cancellationToken);
            // Attachments first, so that every article finds its images (featured, in galleries, inline)
            // stored already, wherever they stand in the file; then everything else.
            foreach (var attachments in new[] { true, false })
            {
                await using var stream = File.OpenRead(path);
                foreach (var entry in WxrReader.Read(stream))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (entry)
                    {
                        case WxrAuthor author when attachments:
                            run.Authors.Add(author);
                            break;
                        case WxrTerm term when attachments:
                            run.Terms.Add(term);
                            break;
                        case WxrItem item when (item.Type == "attachment") == attachments && !run.SeenItems.Add(item.Id):
                            run.Report.Skipped(item.Type == "attachment" ? "attachments" : item.Type == "page" ? "pages" : "posts",
                                $"#{item.Id} \"{item.Title}\"", "an earlier item in the file has the same WordPress ID; as WordPress's importer does, the first one is kept");
                            break;
                        case WxrItem item when (item.Type == "attachment") == attachments:
                            await EnsureChannelWrittenAsync(run, cancellationToken);
                            run.Batch.Add(item);
                            run.BatchComments += item.Comments.Count;
                            if (run.Batch.Count >= BatchItems || run.BatchComments >= BatchComments)
                            {
                                await FlushAsync(run, cancellationToken);
                            }
                            break;
                    }
                }
                await EnsureChannelWrittenAsync(run, cancellationToken);
                await FlushAsync(run, cancellationToken);
            }
            await LinkDeferredAsync(run, cancellationToken);
            await RedirectAttachmentPagesAsync(run, cancellationToken);
            await new WordPressMenus(db).ImportAsync(
                run.Source, run.Terms, run.MenuItems, MenuTargetsOf(run, summary.Channel), report, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (WxrFormatException e)
        {
            report.Error = e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Error = $"The file could not be read: {e.Message}";
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogError(e, "A WordPress import batch was refused by the database.");
            report.Error = "The database refused a batch (" + (e.InnerException ?? e).Message
                + "). The batches before it were kept; running the import again continues where it stopped.";
        }
        finally
        {
            db.ChangeTracker.Clear();
            redirectLookup.Invalidate();
            scheduler.Wake();
            // The tables may have grown a hundredfold: the planner needs their new sizes.
            await db.RefreshStatisticsAsync(CancellationToken.None);
            // An import touches any page; its batches were written around the change tracker.
            await cache.EvictAsync(CancellationToken.None, CacheTags.Site);
            report.Elapsed = watch.Elapsed;
        }
        return report;
    }

    /// <summary>
    /// The site an export came from, which keys its items in <see cref="ImportedItem"/>: the blog's own
    /// address (the channel's link), not <c>wp:base_site_url</c>, which is <c>wordpress.com</c> for every
    /// blog hosted there.
    /// </summary>
    private static string SourceOf(WxrChannel channel)
    {
        var site = (channel.Link.Length > 0 ? channel.Link : channel.BaseSiteUrl).Trim().TrimEnd('/').ToLowerInvariant();
        site = site.Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal);
        return "wordpress:" + (site.Length == 0 ? "unknown" : site[..Math.Min(site.Length, 280)]);
    }

    /// <summary>The path the old blog lived under (<c>/blog</c>), or "" at the root of its host: its old addresses all start with it.</summary>
    private static string BasePathOf(WxrChannel channel) =>
        Uri.TryCreate(channel.Link.Trim(), UriKind.Absolute, out var home) ? home.AbsolutePath.TrimEnd('/') : "";

    private async Task EnsureChannelWrittenAsync(Run run, CancellationToken cancellationToken)
    {
        if (run.ChannelWritten)
        {
            return;
        }
        run.ChannelWritten = true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mapped = await MappedAsync(run, ["author", "category", "tag"], null, cancellationToken);
        await ImportAuthorsAsync(run, mapped, cancellationToken);
        await ImportTermsAsync(run, mapped, cancellationToken);
        if (run.BasePath.Length > 0)
        {
            // At the root, WordPress's /feed/ is served by the site feed itself.
            await AddRedirectNowAsync(run, "/feed/", "/feed", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await AddMappingsAsync(run, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task FlushAsync(Run run, CancellationToken cancellationToken)
    {
        if (run.Batch.Count == 0)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = run.Batch.Select(i => i.Id).Concat(run.Batch.SelectMany(i => i.Comments).Select(c => c.Id)).ToList();
        var mapped = await MappedAsync(run, ["item", "comment"], ids, cancellationToken);
        var batch = new Batch(mapped);
        foreach (var item in run.Batch)
        {
            await ImportItemAsync(run, batch, item, cancellationToken);
        }
        await AddRedirectsAsync(run, batch, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await InsertRedirectsAsync(batch, cancellationToken);
        await InsertCommentsAsync(batch, cancellationToken);
        foreach (var (wordPressId, article) in batch.Articles)
        {
            run.Posts[wordPressId] = article.Id;
        }
        foreach (var (article, thumbnailId) in batch.Thumbnails)
        {
            run.Thumbnails.Add((article.Id, thumbnailId));
        }
        foreach (var (article, parentId) in batch.Parents)
        {
            run.Parents.Add((article.Id, parentId));
        }
        foreach (var (slug, category) in batch.NewCategories)
        {
            run.Categories[slug] = category.Id;
        }
        foreach (var (slug, tag) in batch.NewTags)
        {
            run.Tags[slug] = tag.Id;
        }
        foreach (var (login, user) in batch.NewAuthors)
        {
            run.AuthorIds[login] = user.Id;
        }
        await AddMappingsAsync(run, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        run.Done += run.Batch.Count;
        run.Batch.Clear();
        run.BatchComments = 0;
        run.Progress?.Report(new ImportProgress("Importing", run.Done, run.Total));
    }

    /// <summary>What earlier runs (or earlier batches) imported of these kinds: (kind, external id) → local id.</summary>
    private async Task<Dictionary<(string Kind, string ExternalId), string>> MappedAsync(
        Run run, string[] kinds, List<string>? ids, CancellationToken cancellationToken)
    {
        var query = db.ImportedItems.AsNoTracking().Where(i => i.Source == run.Source && kinds.Contains(i.Kind));
        if (ids is not null)
        {
            query = query.Where(i => ids.Contains(i.ExternalId));
        }
        var rows = await query.Select(i => new { i.Kind, i.ExternalId, i.LocalId }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.Kind, r.ExternalId), r => r.LocalId);
    }

    /// <summary>
    /// Records what this batch made, once the database has given it its keys: by <see cref="BulkInsert"/>,
    /// as a big export has a row here for every comment and the change tracker would cost more than the insert.
    /// </summary>
    private async Task AddMappingsAsync(Run run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await BulkInsert.ExecuteAsync(db.Database, "ImportedItems", ["Source", "Kind", "ExternalId", "LocalId", "ImportedAt"],
            run.NewMappings.Select(m => new object?[] { run.Source, m.Kind, m.ExternalId, m.LocalId(), now }), cancellationToken);
        run.NewMappings.Clear();
    }

    /// <summary>Featured images and parent pages that named an item later in the file than themselves.</summary>
    /// <summary>What the import made of each WordPress post, page, category and tag, by WordPress id, for the menus to link to.</summary>
    private static WordPressMenus.Targets MenuTargetsOf(Run run, WxrChannel? channel)
    {
        Dictionary<string, int> ByTermId(string taxonomy, Dictionary<string, int> bySlug) => run.Terms
            .Where(t => t.Taxonomy == taxonomy && t.Id.Length > 0)
            .Select(t => (t.Id, Found: bySlug.TryGetValue(TermSlug(t.Slug, t.Name), out var id) ? id : (int?)null))
            .Where(t => t.Found is not null)
            .DistinctBy(t => t.Id)
            .ToDictionary(t => t.Id, t => t.Found!.Value, StringComparer.Ordinal);
        return new WordPressMenus.Targets(run.Posts, ByTermId("category", run.Categories), ByTermId("post_tag", run.Tags), channel?.Link ?? "");
    }

    private async Task LinkDeferredAsync(Run run, CancellationToken cancellationToken)
    {
        foreach (var (articleId, thumbnailId) in run.Thumbnails)
        {
            if (await ImageAsync(run, thumbnailId, cancellationToken) is { } image)
            {
                await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(set => set
                    .SetProperty(a => a.FeaturedImageUrl, image.Url)
                    .SetProperty(a => a.FeaturedImageAlt, image.Alt)
                    .SetProperty(a => a.FeaturedImageCaption, image.Caption)
                    .SetProperty(a => a.FeaturedImageCredit, image.Credit), cancellationToken);
            }
            else
            {
                run.Report.Warn($"featured image {thumbnailId} of article {articleId} is not in the export: left out");
            }
        }
        foreach (var (articleId, parentId) in run.Parents)
        {
            if (run.Posts.TryGetValue(parentId, out var parent))
            {
                await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(set => set.SetProperty(a => a.ParentId, parent), cancellationToken);
            }
            else
            {
                run.Report.Warn($"the parent page {parentId} of page {articleId} is not in the export: it is a top-level page");
            }
        }
    }
}
