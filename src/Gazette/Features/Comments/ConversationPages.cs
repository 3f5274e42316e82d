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
        var layout = await LayoutAsync(articleId, cancellationToken);
        var number = requested is { } asked
            ? Math.Clamp(asked, 1, layout.Pages)
            : holding is { } id && layout.PageOf(id) is { } holdingPage ? holdingPage : layout.DefaultPage;
        var ids = layout.CommentsOn(number);
        var comments = await (ids.Length < layout.Count ? CommentsIn.For(db)(db, articleId, ids) : AllComments.For(db)(db, articleId))
            .ToListAsync(cancellationToken);
        return new Page(CommentThread.Build(comments), layout.Count, number, layout.Pages, layout.DefaultPage);
    }

    /// <summary>The page of the conversation that shows <paramref name="commentId"/>; null for the article's default page.</summary>
    public async Task<int?> PageNumberOfAsync(int articleId, int commentId, CancellationToken cancellationToken)
    {
        var layout = await LayoutAsync(articleId, cancellationToken);
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

    /// <summary>
    /// How the article's approved comments fall into pages: kept since the conversation last changed
    /// (and the settings with it), or worked out afresh from the comments' ids and parents.
    /// </summary>
    private async Task<Layout> LayoutAsync(int articleId, CancellationToken cancellationToken)
    {
        var current = settings.CurrentValue;
        // Read before the rows: a change to this conversation after it makes the kept layout stale.
        var readAt = changes.Evictions;
        if (outlines.TryGet(articleId, out var kept) && kept.ReadAt >= changes.ConversationChangedAt(articleId) && kept.Layout.IsFor(current))
        {
            return kept.Layout;
        }
        var outline = await OutlineOf.For(db)(db, articleId).ToListAsync(cancellationToken);
        var layout = new Layout(outline, current);
        outlines.Keep(articleId, readAt, layout);
        return layout;
    }

    public sealed record Outline(int Id, int? ParentId);

    /// <summary>Which thread each comment belongs to, and which comments each page holds, worked out once.</summary>
    public sealed class Layout
    {
        private readonly Dictionary<int, int> _pageOf = [];
        private readonly int[][] _pages;
        private readonly int _perPage;
        private readonly bool _newestFirst;

        public Layout(IReadOnlyList<Outline> outline, CommentSettings settings)
        {
            ArgumentNullException.ThrowIfNull(outline);
            ArgumentNullException.ThrowIfNull(settings);
            _perPage = settings.ThreadsPerPage;
            _newestFirst = settings.NewestPageFirst;
            Count = outline.Count;
            var shown = new Dictionary<int, int?>(outline.Count);
            foreach (var comment in outline)
            {
                shown[comment.Id] = comment.ParentId;
            }
            var rootIndex = new Dictionary<int, int>();
            var pages = new List<List<int>>();
            foreach (var comment in outline)
            {
                // A reply whose parent is not shown stands as a thread of its own, as CommentThread does.
                var root = comment.Id;
                for (var steps = 0; steps < 64 && shown[root] is { } parent && parent != root && shown.ContainsKey(parent); steps++)
                {
                    root = parent;
                }
                if (!rootIndex.TryGetValue(root, out var index))
                {
                    index = rootIndex.Count;
                    rootIndex[root] = index;
                }
                var page = _perPage <= 0 ? 0 : index / _perPage;
                while (pages.Count <= page)
                {
                    pages.Add([]);
                }
                pages[page].Add(comment.Id);
                _pageOf[comment.Id] = page + 1;
            }
            _pages = [.. pages.Select(p => p.ToArray())];
            Pages = Math.Max(1, _pages.Length);
            DefaultPage = _newestFirst ? Pages : 1;
        }

        /// <summary>How many comments the conversation has.</summary>
        public int Count { get; }

        public int Pages { get; }

        public int DefaultPage { get; }

        /// <summary>Whether this layout follows <paramref name="settings"/>' threads per page and first page.</summary>
        public bool IsFor(CommentSettings settings) =>
            settings is not null && settings.ThreadsPerPage == _perPage && settings.NewestPageFirst == _newestFirst;

        public int? PageOf(int commentId) => _pageOf.TryGetValue(commentId, out var page) ? page : null;

        /// <summary>The ids of the comments on <paramref name="page"/>, in the conversation's order.</summary>
        public int[] CommentsOn(int page) => page >= 1 && page <= _pages.Length ? _pages[page - 1] : [];
    }
}

/// <summary>
/// The layouts of conversations, kept between views; <see cref="ConversationPages"/> checks each
/// against the page cache's record of the conversation's last change, so a view of a conversation
/// unchanged since reads only its page of comments. At most <see cref="MaxComments"/> comments'
/// layouts are kept (a few megabytes): past that, the keeping starts afresh.
/// </summary>
public sealed class ConversationOutlines
{
    private const int MaxComments = 500_000;

    private readonly ConcurrentDictionary<int, (long ReadAt, ConversationPages.Layout Layout)> _kept = new();

    private int _comments;

    public bool TryGet(int articleId, out (long ReadAt, ConversationPages.Layout Layout) kept) =>
        _kept.TryGetValue(articleId, out kept);

    public void Keep(int articleId, long readAt, ConversationPages.Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var replaced = _kept.TryGetValue(articleId, out var old) ? old.Layout.Count : 0;
        if (Interlocked.Add(ref _comments, layout.Count - replaced) > MaxComments)
        {
            _kept.Clear();
            Interlocked.Exchange(ref _comments, layout.Count);
        }
        _kept[articleId] = (readAt, layout);
    }
}
