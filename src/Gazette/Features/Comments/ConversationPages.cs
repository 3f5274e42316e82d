using System.Collections.Concurrent;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Features.Comments;

/// <summary>
/// Breaks a long conversation into pages of top-level threads, as WordPress's "break comments into
/// pages" does: a thread stays whole on one page, and readers arrive at the newest page (a
/// setting). A view costs two queries however many comments there are: the thread outline (ids
/// only) and the comments of the one page; the outline is kept between views
/// (<see cref="ConversationOutlines"/>) until a comment on it changes, so a story with 5,000
/// comments costs a view what one with 50 does, and a repeated view reads only its page.
/// </summary>
public sealed class ConversationPages(
    GazetteDbContext db, IOptionsMonitor<CommentSettings> settings, ConversationOutlines outlines, PageCacheInvalidation changes)
{
    /// <summary>
    /// One page: its threads, the conversation's whole count, the page's number (from 1, the oldest
    /// threads), how many pages there are, and which one the article's own address shows.
    /// </summary>
    public sealed record Page(IReadOnlyList<CommentView> Threads, int Count, int Number, int Pages, int DefaultNumber);

    /// <summary>
    /// Page <paramref name="requested"/> of the article's approved comments; without one, the page
    /// holding <paramref name="holding"/>, or else the default page.
    /// </summary>
    public async Task<Page> LoadAsync(int articleId, int? requested, int? holding, CancellationToken cancellationToken)
    {
        var outline = await OutlineAsync(articleId, cancellationToken);
        var layout = new Layout(outline, settings.CurrentValue);
        var number = requested is { } asked
            ? Math.Clamp(asked, 1, layout.Pages)
            : holding is { } id && layout.PageOf(id) is { } holdingPage ? holdingPage : layout.DefaultPage;
        var ids = layout.CommentsOn(number);
        var comments = await (ids.Count < outline.Count ? CommentsIn.For(db)(db, articleId, [.. ids]) : AllComments.For(db)(db, articleId))
            .ToListAsync(cancellationToken);
        return new Page(CommentThread.Build(comments), outline.Count, number, layout.Pages, layout.DefaultPage);
    }

    /// <summary>The page of the conversation that shows <paramref name="commentId"/>; null for the article's default page.</summary>
    public async Task<int?> PageNumberOfAsync(int articleId, int commentId, CancellationToken cancellationToken)
    {
        var outline = await OutlineAsync(articleId, cancellationToken);
        var layout = new Layout(outline, settings.CurrentValue);
        return layout.PageOf(commentId) is { } page && page != layout.DefaultPage ? page : null;
    }

    // A conversation's reads are compiled once (every article view makes them): the approved comments,
    // oldest first, as an outline, all of them, or those of one page.
    private static readonly CompiledQuery<Func<GazetteDbContext, int, IAsyncEnumerable<Outline>>> OutlineOf = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, int articleId) => db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new Outline(c.Id, c.ParentId))));

    private static readonly CompiledQuery<Func<GazetteDbContext, int, IAsyncEnumerable<CommentView>>> AllComments = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, int articleId) => db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.AuthorWebsite, c.Text, c.CreatedAt, c.AvatarSeed, c.TextHtml))));

    private static readonly CompiledQuery<Func<GazetteDbContext, int, int[], IAsyncEnumerable<CommentView>>> CommentsIn = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, int articleId, int[] ids) => db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && ids.Contains(c.Id))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.AuthorWebsite, c.Text, c.CreatedAt, c.AvatarSeed, c.TextHtml))));

    /// <summary>The approved comments' ids and parents, in order, as kept since the conversation last changed or read afresh.</summary>
    private async Task<IReadOnlyList<Outline>> OutlineAsync(int articleId, CancellationToken cancellationToken)
    {
        // Read before the rows: a change to this conversation after it makes the kept outline stale.
        var readAt = changes.Evictions;
        if (outlines.TryGet(articleId, out var kept) && kept.ReadAt >= changes.ConversationChangedAt(articleId))
        {
            return kept.Outline;
        }
        var outline = await OutlineOf.For(db)(db, articleId).ToListAsync(cancellationToken);
        outlines.Keep(articleId, readAt, outline);
        return outline;
    }

    public sealed record Outline(int Id, int? ParentId);

    /// <summary>Which thread each comment belongs to, and which threads each page holds.</summary>
    private sealed class Layout
    {
        private readonly Dictionary<int, int> _rootOf = [];
        private readonly Dictionary<int, int> _rootIndex = [];
        private readonly int _perPage;

        public Layout(IReadOnlyList<Outline> outline, CommentSettings settings)
        {
            var perPage = settings.ThreadsPerPage;
            _perPage = perPage;
            var shown = outline.ToDictionary(c => c.Id, c => c.ParentId);
            foreach (var comment in outline)
            {
                // A reply whose parent is not shown stands as a thread of its own, as CommentThread does.
                var root = comment.Id;
                for (var steps = 0; steps < 64 && shown[root] is { } parent && parent != root && shown.ContainsKey(parent); steps++)
                {
                    root = parent;
                }
                _rootOf[comment.Id] = root;
                if (root == comment.Id)
                {
                    _rootIndex[root] = _rootIndex.Count;
                }
            }
            Pages = perPage <= 0 ? 1 : Math.Max(1, (_rootIndex.Count + perPage - 1) / perPage);
            DefaultPage = settings.NewestPageFirst ? Pages : 1;
        }

        public int Pages { get; }

        public int DefaultPage { get; }

        public int? PageOf(int commentId) =>
            _rootOf.TryGetValue(commentId, out var root) ? (_perPage <= 0 ? 1 : _rootIndex[root] / _perPage + 1) : null;

        public List<int> CommentsOn(int page) =>
            _rootOf.Where(pair => PageOf(pair.Key) == page).Select(pair => pair.Key).ToList();
    }
}

/// <summary>
/// The outlines of conversations, kept between views; <see cref="ConversationPages"/> checks each
/// against the page cache's record of the conversation's last change, so a view of a conversation
/// unchanged since reads only its page of comments. At most <see cref="MaxComments"/> comments'
/// outlines are kept (a few megabytes): past that, the keeping starts afresh.
/// </summary>
public sealed class ConversationOutlines
{
    private const int MaxComments = 500_000;

    private readonly ConcurrentDictionary<int, (long ReadAt, IReadOnlyList<ConversationPages.Outline> Outline)> _kept = new();

    private int _comments;

    public bool TryGet(int articleId, out (long ReadAt, IReadOnlyList<ConversationPages.Outline> Outline) kept) =>
        _kept.TryGetValue(articleId, out kept);

    public void Keep(int articleId, long readAt, IReadOnlyList<ConversationPages.Outline> outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        var replaced = _kept.TryGetValue(articleId, out var old) ? old.Outline.Count : 0;
        if (Interlocked.Add(ref _comments, outline.Count - replaced) > MaxComments)
        {
            _kept.Clear();
            Interlocked.Exchange(ref _comments, outline.Count);
        }
        _kept[articleId] = (readAt, outline);
    }
}
