using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Comments;

/// <summary>
/// A comment's lasting address, for emails and other pages: it sends the reader to the article
/// page, and the page of its conversation, that shows the comment now (pages shift as threads arrive).
/// </summary>
public sealed class PermalinkModel(GazetteDbContext db, ConversationPages conversationPages) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] string? notice, CancellationToken cancellationToken)
    {
        var found = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id && c.Status == CommentStatus.Approved)
            .Select(c => new { c.ArticleId, c.Article!.Kind, c.Article.Slug, c.Article.PublishedAt, c.Article.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is not { Status: ArticleStatus.Published, PublishedAt: { } published })
        {
            return NotFound();
        }
        var page = await conversationPages.PageNumberOfAsync(found.ArticleId, id, cancellationToken);
        // Only the commenter's own notice passes through (see CommentNotices).
        var kept = notice is CommentNotices.Posted or CommentNotices.Edited ? notice : null;
        return Redirect(ArticleLinks.ConversationPage(ArticleLinks.Of(found.Kind, published, found.Slug), page, $"comment-{id}", kept, kept is null ? null : id));
    }
}
