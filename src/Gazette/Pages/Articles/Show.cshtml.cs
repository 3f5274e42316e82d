using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Gazette.Features.Media;
using Gazette.Infrastructure;
using Gazette.Pages.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Pages.Articles;

/// <summary>
/// The page Gazette exists to serve, and static pages too (at <c>/{slug}</c>, with no date).
/// Reading it costs the same queries however many comments it has: the article, its terms, the sizes of a featured image from the media library, the approved comments,
/// then the way on: previous, next and related articles, or a page's parents and children.
/// </summary>
// The comment form carries a signed, non-personal token instead of the antiforgery token, so that
// the page can be served from a shared cache: see CommentFormToken for the design. Nothing on it
// depends on the visitor: what does (a returning commenter's details, "Edit" on one's own comments)
// is added in the browser by conversation.js, and the notice after posting is on its own address.
[IgnoreAntiforgeryToken]
[PublicPage]
public sealed class ShowModel(
    GazetteDbContext db, PostComment postComment, CommentOwnership ownership,
    CommentFormToken formTokens, SiteAddress siteAddress, IOptionsMonitor<GazetteOptions> options, SiteTime siteTime,
    IOptionsMonitor<CommentSettings> commentSettings, ConversationPages conversationPages, ArticleNavigator navigator,
    ArticlePasswords passwords, PasswordGuesses guesses, TimeProvider clock) : PageModel
{
    private int? _conversationPage;

    public ArticleView Article { get; private set; } = null!;
    public Conversation Conversation { get; private set; } = null!;
    public ArticleNavigation Navigation { get; private set; } = null!;

    [BindProperty]
    public CommentForm Form { get; set; } = new();

    /// <summary>Articles always have their conversation; a page only while it is open or has comments. A locked one, none.</summary>
    public bool ShowsConversation => !Article.Locked && (!Article.IsPage || Article.CommentsOpen || Conversation.Count > 0);

    /// <summary>Why the password form is back (a wrong password, too many), for a locked article.</summary>
    public string? PasswordProblem { get; private set; }

    /// <summary>The password form's token: the same kind for every reader, so the locked page can be cached.</summary>
    public string PasswordFormToken => passwords.FormToken(Article.Id);

    /// <summary>The comment this browser just posted or edited, for the "edit it" link in the notice.</summary>
    private int? _justPosted;

    /// <summary>That comment, when it waits for moderation: shown to the browser that posted it.</summary>
    private CommentView? _pending;

    public async Task<IActionResult> OnGetAsync(
        int? year, int? month, string slug, [FromQuery] int? replyTo, [FromQuery] int? cpage,
        [FromQuery] string? notice, [FromQuery] int? comment, CancellationToken cancellationToken)
    {
        // The view's five reads share one connection: EF would otherwise open one per query, and each
        // opening of a SQLite connection registers its functions again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ShowAsync(year, month, slug, replyTo, cpage, notice, comment, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IActionResult> ShowAsync(
        int? year, int? month, string slug, int? replyTo, int? cpage, string? notice, int? comment, CancellationToken cancellationToken)
    {
        _conversationPage = cpage;
        if (await LoadAsync(year, slug, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (Article.Kind == ArticleKind.Post && (year != Article.PublishedAt.Year || month != Article.PublishedAt.Month))
        {
            // Another article's old address, kept as a redirect, wins over a guess from the slug:
            // answering 404 lets the redirect middleware send the reader there.
            var path = Request.Path.Value!.TrimEnd('/');
            return await db.Redirects.AnyAsync(r => r.FromPath == path, cancellationToken) ? NotFound() : RedirectPermanent(Article.Url);
        }
        if (Article.Locked)
        {
            // The headline, byline and password form: the same for every reader, so it may be cached.
            await LoadNavigationAsync(cancellationToken);
            TagForCache();
            return Page();
        }
        Form.ParentId = replyTo;
        await LoadConversationAsync(await NoticeAsync(notice, comment, cancellationToken), cancellationToken);
        if (cpage is { } asked && replyTo is null && asked != Conversation.PageNumber)
        {
            // No such page of the conversation (any more): the article's own address, not a copy of it under every number.
            return Redirect(ArticleLinks.ConversationPage(Article.Url, null, "comments"));
        }
        await LoadNavigationAsync(cancellationToken);
        TagForCache();
        return Page();
    }

    /// <summary>
    /// The notice for a commenter back from posting, editing or deleting (<c>?notice=…&amp;comment=…</c>),
    /// as true as the comment's status: it says no more than the public page does (a comment held
    /// as spam is "awaiting moderation"). The browser that posted it (its edit cookie, checked) also
    /// sees the comment itself while it waits, as WordPress shows a commenter their own, and a link to edit it.
    /// </summary>
    private async Task<Notice> NoticeAsync(string? notice, int? commentId, CancellationToken cancellationToken)
    {
        if (notice == CommentNotices.Deleted)
        {
            return Notice.Deleted;
        }
        if (notice is not (CommentNotices.Posted or CommentNotices.Edited) || commentId is not { } id)
        {
            return Notice.None;
        }
        var comment = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.ArticleId == Article.Id, cancellationToken);
        if (comment is null or { Status: CommentStatus.Trash })
        {
            return Notice.None;
        }
        var approved = comment.Status == CommentStatus.Approved;
        if (!approved && ownership.MayChange(Request, comment))
        {
            _justPosted = id;
            _pending = new CommentView(
                comment.Id, comment.ParentId, comment.AuthorName, comment.AuthorWebsite, comment.Text, comment.CreatedAt,
                comment.AvatarSeed, comment.TextHtml);
        }
        return (notice, approved) switch
        {
            (CommentNotices.Posted, true) => Notice.Published,
            (CommentNotices.Posted, false) => Notice.AwaitingModeration,
            (_, true) => Notice.Edited,
            _ => Notice.EditedAwaitingModeration,
        };
    }

    /// <summary>What the cached page shows, for exact eviction (see <see cref="CacheTags"/>), and how long it may be kept.</summary>
    private void TagForCache()
    {
        PageCache.Tag(HttpContext,
        [
            CacheTags.Article(Article.Id), CacheTags.Conversation(Article.Id),
            .. Article.Categories.Select(c => CacheTags.Category(c.Id)),
            .. Article.Tags.Select(t => CacheTags.Tag(t.Id)),
            .. new[] { Navigation.Previous, Navigation.Next }.Concat(Navigation.Related).OfType<ArticleLink>().Select(l => CacheTags.Article(l.Id)),
            .. Article.IsPage || Navigation.Parents.Count > 0 || Navigation.Children.Count > 0 ? [CacheTags.Pages] : Array.Empty<string>(),
        ]);
        // A conversation that closes by age closes on the cached page too.
        if (Article.CommentsOpen && commentSettings.CurrentValue.ClosesAt(Article.PublishedAt) is { } closes)
        {
            PageCache.KeepAtMost(HttpContext, closes - clock.GetUtcNow().UtcDateTime);
        }
    }

    public async Task<IActionResult> OnPostAsync(int? year, string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(year, slug, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (CommentFormToken.IsCrossSite(Request))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (Article.Locked)
        {
            // Only readers who gave the password join the conversation of a protected article.
            return await RedisplayLockedAsync(StatusCodes.Status403Forbidden,
                "This story is protected: enter its password to read it and join the conversation.", cancellationToken);
        }
        if (!Article.CommentsOpen)
        {
            return await RedisplayAsync(StatusCodes.Status403Forbidden, Notice.Closed, cancellationToken);
        }
        var verdict = formTokens.Check(Form.Token, Article.Id, commentSettings.CurrentValue.MinimumFillSeconds, out var secondsOpen, out var nonce);
        if (verdict == CommentFormToken.Verdict.Invalid)
        {
            ModelState.AddModelError("", "This form has expired or did not come from this page. Your comment is kept below: please send it again.");
        }
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, Notice.None, cancellationToken);
        }

        var result = await postComment.ExecuteAsync(
            Article.Id, Article.CommentsOpen, Form, nonce!, HttpContext.Connection.RemoteIpAddress, cancellationToken,
            verdict == CommentFormToken.Verdict.TooFast ? secondsOpen : null);
        if (result.CommentId is { } commentId)
        {
            // The shared form token's nonce is spent: the cached page gets a fresh one.
            formTokens.Renew(Article.Id);
            if (result.EditToken is { } token)
            {
                ownership.GiveTo(Response, commentId, token);
            }
        }
        switch (result.Outcome)
        {
            case PostComment.Outcome.CommentsClosed:
                return await RedisplayAsync(StatusCodes.Status403Forbidden, Notice.Closed, cancellationToken);
            case PostComment.Outcome.ParentUnavailable:
                ModelState.AddModelError("", "The comment you replied to is no longer shown. Your comment was not posted; you can post it as a new comment.");
                Form.ParentId = null;
                return await RedisplayAsync(StatusCodes.Status409Conflict, Notice.None, cancellationToken);
            case PostComment.Outcome.Duplicate:
                ModelState.AddModelError("", "You have already posted this comment here. It is not posted twice.");
                return await RedisplayAsync(StatusCodes.Status409Conflict, Notice.None, cancellationToken);
            case PostComment.Outcome.FormUsed:
                ModelState.AddModelError("", "This form has already sent a comment. If this is another one, send it again: your text is kept below.");
                return await RedisplayAsync(StatusCodes.Status409Conflict, Notice.None, cancellationToken);
            case PostComment.Outcome.Spam:
                ModelState.AddModelError("", result.Cause switch
                {
                    PostComment.SpamCause.TooFast =>
                        "Your comment arrived only seconds after this page opened, quicker than people write, so it was set aside as possible spam and is not shown. It is kept below: send it again.",
                    PostComment.SpamCause.HiddenFieldFilled =>
                        "A field that must stay empty was filled in (browsers' autofill sometimes does this), so your comment was set aside as possible spam and is not shown. It is kept below: send it again.",
                    _ =>
                        "Your comment looks like spam to our filter, so it was set aside and is not shown unless a moderator releases it. It is kept below if you would like to change it and send it again.",
                });
                Form.Homepage = null;
                ModelState.Remove($"{nameof(Form)}.{nameof(CommentForm.Homepage)}");
                return await RedisplayAsync(StatusCodes.Status422UnprocessableEntity, Notice.None, cancellationToken);
            case PostComment.Outcome.TooMany:
                ModelState.AddModelError("", "You have posted several comments in the last few minutes. Please wait a little and send this one again; your text is kept below.");
                return await RedisplayAsync(StatusCodes.Status429TooManyRequests, Notice.None, cancellationToken);
            case PostComment.Outcome.Approved:
                var page = await conversationPages.PageNumberOfAsync(Article.Id, result.CommentId!.Value, cancellationToken);
                return Redirect(ArticleLinks.ConversationPage(Article.Url, page, $"comment-{result.CommentId}", CommentNotices.Posted, result.CommentId));
            default:
                return Redirect(ArticleLinks.ConversationPage(Article.Url, null, "respond", CommentNotices.Posted, result.CommentId));
        }
    }

    /// <summary>
    /// A reader gives a protected article's password. The right one gives the browser the article's
    /// cookie (see <see cref="ArticlePasswords"/>) and sends it back to the article; a wrong one
    /// brings the form back with a 403 and counts against the reader's network (<see cref="PasswordGuesses"/>).
    /// </summary>
    public async Task<IActionResult> OnPostUnlockAsync(
        int? year, string slug, [FromForm] string? password, [FromForm] string? unlockToken, CancellationToken cancellationToken)
    {
        // The comment form is not what was posted: its fields' errors are not this form's.
        ModelState.Clear();
        if (await LoadAsync(year, slug, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (CommentFormToken.IsCrossSite(Request))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!Article.Locked)
        {
            return Redirect(Article.Url);
        }
        var address = HttpContext.Connection.RemoteIpAddress;
        if (!passwords.IsFormToken(unlockToken, Article.Id))
        {
            return await RedisplayLockedAsync(StatusCodes.Status400BadRequest,
                "This form has expired or did not come from this page. Please enter the password again.", cancellationToken);
        }
        if (!await guesses.MayGuessAsync(address, Article.Id))
        {
            return await RedisplayLockedAsync(StatusCodes.Status429TooManyRequests,
                "Too many wrong passwords have come from your network in the last few minutes. Please wait a little and try again.", cancellationToken);
        }
        if (string.IsNullOrEmpty(password) || !ArticlePasswords.Matches(Article.Password, password))
        {
            await guesses.MissedAsync(address, Article.Id);
            return await RedisplayLockedAsync(StatusCodes.Status403Forbidden,
                string.IsNullOrEmpty(password) ? "Please enter the password." : "That password is not right. Check it and try again.", cancellationToken);
        }
        passwords.Remember(HttpContext, Article.Id, Article.Password!, Article.Url);
        return Redirect(Article.Url);
    }

    private async Task<IActionResult> RedisplayLockedAsync(int statusCode, string problem, CancellationToken cancellationToken)
    {
        Response.StatusCode = statusCode;
        PasswordProblem = problem;
        await LoadNavigationAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> RedisplayAsync(int statusCode, Notice notice, CancellationToken cancellationToken)
    {
        Response.StatusCode = statusCode;
        await LoadConversationAsync(notice, cancellationToken);
        await LoadNavigationAsync(cancellationToken);
        return Page();
    }

    // The page's two reads of the article are compiled once: this page is the one every reader asks for,
    // and building and translating its queries again on every view cost more than running them.
    // Private articles only for staff (who bypass the cache), whose rights are checked once it is found.
    private static readonly CompiledQuery<Func<GazetteDbContext, ArticleKind, string, bool, CancellationToken, Task<ArticleView?>>> ArticleBySlug = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, ArticleKind kind, string slug, bool staff, CancellationToken _) => db.Articles.AsNoTracking()
            .Where(a => (a.Status == ArticleStatus.Published || (staff && a.Status == ArticleStatus.Private)) && a.PublishedAt != null)
            .Where(a => a.Kind == kind && a.Slug == slug)
            .Select(a => new ArticleView(
                a.Id, a.Kind, a.ParentId, a.Title, a.Slug, a.BodyHtml, a.Summary, a.PublishedAt!.Value, a.UpdatedAt,
                a.Author!.DisplayName, a.Author.Slug,
                a.FeaturedImageUrl, a.FeaturedImageAlt, a.FeaturedImageCaption, a.FeaturedImageCredit, a.CommentsOpen,
                Array.Empty<TermLink>(), Array.Empty<TermLink>())
            {
                IsPrivate = a.Status == ArticleStatus.Private, AuthorId = a.AuthorId,
                IsProtected = a.Password != null, Password = a.Password,
                AuthorBio = a.Author.Bio, AuthorPhoto = a.Author.PhotoPath, AuthorLinks = a.Author.ProfileLinks,
                SearchTitle = a.SearchTitle, SearchDescription = a.SearchDescription, EnclosureUrl = a.EnclosureUrl, EnclosureType = a.EnclosureType,
                CoAuthors = a.CoAuthors.OrderBy(c => c.Position).Select(c => new BylineName(c.User!.DisplayName, c.User.Slug)).ToList(),
            })
            .SingleOrDefault()));

    // Set by member, not by constructor: EF translates a UNION only of projections it can read as columns.
    private sealed class TermRow
    {
        public bool IsTag { get; init; }
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
    }

    /// <summary>The article's categories and tags, in one statement.</summary>
    private static readonly CompiledQuery<Func<GazetteDbContext, int, IAsyncEnumerable<TermRow>>> TermsOf = new(() =>
        EF.CompileAsyncQuery((GazetteDbContext db, int id) => db.Categories.AsNoTracking()
            .Where(c => c.Articles.Any(a => a.Id == id))
            .Select(c => new TermRow { IsTag = false, Id = c.Id, Name = c.Name, Slug = c.Slug })
            .Concat(db.Tags.AsNoTracking().Where(t => t.Articles.Any(a => a.Id == id))
                .Select(t => new TermRow { IsTag = true, Id = t.Id, Name = t.Name, Slug = t.Slug }))));

    /// <summary>Loads the article (with a <paramref name="year"/> in the address) or the static page (without).</summary>
    private async Task<IActionResult?> LoadAsync(int? year, string slug, CancellationToken cancellationToken)
    {
        var staff = User.Identity?.IsAuthenticated == true;
        var article = await ArticleBySlug.For(db)(db, year is null ? ArticleKind.Page : ArticleKind.Post, slug, staff, cancellationToken);
        if (article is null || (article.IsPrivate && !ArticlePermissions.CanReadPrivate(User, article.AuthorId)))
        {
            return NotFound();
        }
        // Protected: locked unless this visitor may edit it or gave the password (a page for them alone).
        var locked = article.IsProtected
            && !ArticlePermissions.CanReadProtected(User, article.Kind, article.AuthorId)
            && !passwords.IsUnlocked(Request, article.Id, article.Password);
        if (article.IsProtected && !locked)
        {
            PageCache.KeepPrivate(HttpContext);
        }
        var terms = new List<TermRow>();
        await foreach (var term in TermsOf.For(db)(db, article.Id).WithCancellation(cancellationToken))
        {
            terms.Add(term);
        }
        Article = article with
        {
            Categories = [.. terms.Where(t => !t.IsTag).OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new TermLink(t.Id, t.Name, ArticleLinks.Category(t.Slug)))],
            Tags = [.. terms.Where(t => t.IsTag).OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new TermLink(t.Id, t.Name, ArticleLinks.Tag(t.Slug)))],
            Locked = locked,
            // What a locked page must not show is not even handed to it.
            BodyHtml = locked ? "" : article.BodyHtml,
            Summary = locked ? "" : article.Summary,
            ImageUrl = locked ? null : article.ImageUrl,
            Words = locked ? 0 : ArticleView.CountWords(article.BodyHtml),
            CommentsOpen = commentSettings.CurrentValue.AreOpen(article.CommentsOpen, article.PublishedAt, clock.GetUtcNow().UtcDateTime),
            Picture = locked ? null : await ResponsiveImage.FindAsync(db, article.ImageUrl, cancellationToken),
        };
        return null;
    }

    /// <summary>The way on from here, then what machines read about the page (it needs the comment count and the parents).</summary>
    private async Task LoadNavigationAsync(CancellationToken cancellationToken)
    {
        Navigation = Article.Kind == ArticleKind.Page
            ? await navigator.ForPageAsync(Article.Id, Article.ParentId, cancellationToken)
            : await navigator.ForPostAsync(
                Article.Id, Article.PublishedAt, Article.Title, Article.Summary,
                [.. Article.Categories.Select(c => c.Id)], [.. Article.Tags.Select(t => t.Id)], cancellationToken);
        ViewData["Meta"] = ArticleMetadata.For(
            Article, Navigation, Article.Locked ? 0 : Conversation.Count, siteAddress.Base, options.CurrentValue.Site, siteTime.Culture.Name);
    }

    private async Task LoadConversationAsync(Notice notice, CancellationToken cancellationToken)
    {
        // Replying shows the page that holds the comment replied to.
        var page = await conversationPages.LoadAsync(
            Article.Id, Form.ParentId is null ? _conversationPage : null, Form.ParentId, cancellationToken);
        var replyTo = Form.ParentId is { } parentId ? Find(page.Threads, parentId) : null;
        if (replyTo is null)
        {
            Form.ParentId = null;
        }
        Conversation = new Conversation(
            Article.Url, Article.CommentsOpen, page.Count, page.Threads, Form, replyTo, notice,
            // A redisplayed form (after a post) gets a token of its own; a page view, the shared one.
            HttpMethods.IsPost(Request.Method) ? formTokens.Issue(Article.Id) : formTokens.IssueShared(Article.Id), _justPosted)
        {
            Pending = _pending,
            ArticleId = Article.Id,
            PageNumber = page.Number,
            Pages = page.Pages,
            DefaultPage = page.DefaultNumber,
        };
    }

    private static CommentView? Find(IEnumerable<CommentView> threads, int id)
    {
        foreach (var comment in threads)
        {
            if (comment.Id == id)
            {
                return comment;
            }
            if (Find(comment.Replies, id) is { } reply)
            {
                return reply;
            }
        }
        return null;
    }
}
