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
/// This class runs the passes; one collaborator per kind of thing does the importing and keeps what it
/// needs between batches (<see cref="WordPressAuthors"/>, <see cref="WordPressTerms"/>,
/// <see cref="WordPressAttachments"/>, <see cref="WordPressArticles"/>, <see cref="WordPressComments"/>,
/// <see cref="WordPressRedirects"/>, <see cref="WordPressMenus"/>).
/// </summary>
public sealed class ImportWordPress(
    GazetteDbContext db, UserManager<StaffUser> users, UploadMedia uploadMedia, Avatars avatars,
    IOptionsMonitor<CommentSettings> commentSettings, RedirectLookup redirectLookup,
    PublishScheduledArticles scheduler, PageCacheInvalidation cache, TimeProvider clock, GazetteMetrics metrics,
    ILogger<ImportWordPress> logger)
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
            summary.Notes.ToList().ForEach(report.Warn);
            var passes = PassesOf(new ImportRun(SourceOf(summary.Channel), BasePathOf(summary.Channel), report), files);
            // Made now, outside any batch: on SQLite a second connection could not write during one.
            await avatars.SeedForAsync("", cancellationToken);
            await passes.RunAsync(path, summary, progress, cancellationToken);
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
        metrics.ImportEnded(report.Succeeded);
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

    private Passes PassesOf(ImportRun run, AttachmentFiles? files)
    {
        var redirects = new WordPressRedirects(db, run, clock);
        var authors = new WordPressAuthors(db, users, run, redirects);
        var terms = new WordPressTerms(db, run, redirects);
        var attachments = new WordPressAttachments(db, uploadMedia, files, run, authors, redirects);
        var comments = new WordPressComments(db, avatars, commentSettings.CurrentValue.IpRetentionDays, run, clock);
        var articles = new WordPressArticles(db, run, authors, terms, attachments, comments, redirects, clock);
        return new Passes(db, clock, metrics, run, authors, terms, attachments, articles, comments, redirects);
    }

    /// <summary>One import's passes over the file, its collaborators, and the batch being filled.</summary>
    private sealed class Passes
    {
        private readonly TimeProvider _clock;
        private readonly GazetteMetrics _metrics;
        private readonly GazetteDbContext _db;
        private readonly ImportRun _run;
        private readonly WordPressAuthors _authors;
        private readonly WordPressTerms _terms;
        private readonly WordPressAttachments _attachments;
        private readonly WordPressArticles _articles;
        private readonly WordPressComments _comments;
        private readonly WordPressRedirects _redirects;
        private readonly List<WxrAuthor> _listedAuthors = [];
        private readonly List<WxrItem> _menuItems = [];

        /// <summary>The WordPress IDs of the items met so far: a later item with one of them is passed over.</summary>
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<WxrItem> _batch = [];
        private int _batchComments;
        private bool _channelWritten;
        private int _done;

        public Passes(GazetteDbContext db, TimeProvider clock, GazetteMetrics metrics, ImportRun run, WordPressAuthors authors, WordPressTerms terms,
            WordPressAttachments attachments, WordPressArticles articles, WordPressComments comments, WordPressRedirects redirects)
        {
            _db = db;
            _clock = clock;
            _metrics = metrics;
            _run = run;
            _authors = authors;
            _terms = terms;
            _attachments = attachments;
            _articles = articles;
            _comments = comments;
            _redirects = redirects;
        }

        public async Task RunAsync(string path, WxrValidator.Summary summary, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
        {
            // Attachments (and guest authors) first, so that every article finds its images (featured, in galleries,
            // inline) stored already, wherever they stand in the file; then everything else.
            foreach (var attachments in new[] { true, false })
            {
                await using var stream = File.OpenRead(path);
                foreach (var entry in WxrReader.Read(stream, summary.Parsing))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (entry)
                    {
                        case WxrAuthor author when attachments:
                            _listedAuthors.Add(author);
                            break;
                        case WxrTerm term when attachments:
                            _terms.Add(term);
                            break;
                        case WxrItem item when InFirstPass(item) == attachments && !_seen.Add(item.Id):
                            _run.Report.Skipped(item.Type == "attachment" ? "attachments" : item.Type == "page" ? "pages" : "posts",
                                $"#{item.Id} \"{item.Title}\"", "an earlier item in the file has the same WordPress ID; as WordPress's importer does, the first one is kept");
                            break;
                        case WxrItem item when InFirstPass(item) == attachments:
                            await EnsureChannelWrittenAsync(cancellationToken);
                            _batch.Add(item);
                            _batchComments += item.Comments.Count;
                            if (_batch.Count >= BatchItems || _batchComments >= BatchComments)
                            {
                                await FlushAsync(summary.Items, progress, cancellationToken);
                            }
                            break;
                    }
                }
                await EnsureChannelWrittenAsync(cancellationToken);
                await FlushAsync(summary.Items, progress, cancellationToken);
            }
            await _articles.LinkDeferredAsync(cancellationToken);
            await _redirects.RedirectAttachmentPagesAsync(cancellationToken);
            var (categories, tags) = _terms.ByTermId();
            await new WordPressMenus(_db).ImportAsync(
                _run.Source, _terms.Listed, _menuItems, new WordPressMenus.Targets(_articles.Ids, categories, tags, summary.Channel.Link),
                _run.Report, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        /// <summary>The export's authors and terms, in one transaction, before the first item.</summary>
        private async Task EnsureChannelWrittenAsync(CancellationToken cancellationToken)
        {
            if (_channelWritten)
            {
                return;
            }
            _channelWritten = true;
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            await _run.LoadKnownAsync(_db, ["author", "category", "tag"], null, cancellationToken);
            await _authors.ImportAsync(_listedAuthors, cancellationToken);
            await _terms.ImportListedAsync(cancellationToken);
            if (_run.BasePath.Length > 0)
            {
                // At the root, WordPress's /feed/ is served by the site feed itself.
                await _redirects.AddNowAsync("/feed/", "/feed", cancellationToken);
            }
            await _db.SaveChangesAsync(cancellationToken);
            await _run.SaveMappingsAsync(_db, _clock.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _db.ChangeTracker.Clear();
        }

        /// <summary>Writes the batch in its own transaction: its items, then their redirects and comments by bulk insert.</summary>
        private async Task FlushAsync(int total, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
        {
            if (_batch.Count == 0)
            {
                return;
            }
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await _db.Database.BeginTransactionAsync(CancellationToken.None);
            var ids = _batch.Select(i => i.Id).Concat(_batch.SelectMany(i => i.Comments).Select(c => c.Id))
                .Concat(_batch.Where(i => i.Type == "guest-author").Select(i => WordPressAuthors.GuestKey(i.Id))).ToList();
            await _run.LoadKnownAsync(_db, ["item", "comment", "author"], ids, cancellationToken);
            foreach (var item in _batch)
            {
                await ImportAsync(item, cancellationToken);
            }
            // From here the batch is only written, which takes a moment: a stop (the site's, for an import job) lets
            // it finish rather than cancel it halfway, which would roll it back all the same but have EF Core log the
            // rollback of its savepoint as an error.
            var writing = CancellationToken.None;
            await _redirects.CheckBatchAsync(writing);
            await _db.SaveChangesAsync(writing);
            await _redirects.InsertBatchAsync(writing);
            await _comments.InsertBatchAsync(writing);
            _articles.Saved();
            _terms.Saved();
            await _run.SaveMappingsAsync(_db, _clock.GetUtcNow().UtcDateTime, writing);
            await transaction.CommitAsync(writing);
            _db.ChangeTracker.Clear();
            _done += _batch.Count;
            _metrics.ItemsImported(_batch.Count);
            _batch.Clear();
            _batchComments = 0;
            progress?.Report(new ImportProgress("Importing", _done, total));
        }

        /// <summary>Attachments and Co-Authors Plus's guest authors come in before any article, which may show or name them.</summary>
        private static bool InFirstPass(WxrItem item) => item.Type is "attachment" or "guest-author";

        private async Task ImportAsync(WxrItem item, CancellationToken cancellationToken)
        {
            switch (item.Type)
            {
                case "post" or "page":
                    await _articles.ImportAsync(item, cancellationToken);
                    break;
                case "attachment":
                    await _attachments.ImportAsync(item, cancellationToken);
                    break;
                case "guest-author":
                    await _authors.ImportGuestAsync(item, cancellationToken);
                    break;
                case "nav_menu_item":
                    // Made into menus once everything they link to is in.
                    _menuItems.Add(item);
                    break;
                default:
                    _run.Report.Skipped("posts", ImportText.Describe(item), $"a WordPress \"{item.Type}\", which has no counterpart here");
                    _comments.Skip(item, "its item was not imported");
                    break;
            }
        }
    }
}
