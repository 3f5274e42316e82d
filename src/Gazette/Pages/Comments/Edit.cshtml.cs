using System.ComponentModel.DataAnnotations;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Comments;

/// <summary>
/// A commenter edits or deletes their comment, from the browser that posted it, within the edit
/// window. Each edit keeps the old text for moderators; a deleted comment goes to the trash.
/// </summary>
public sealed class EditModel(GazetteDbContext db, CommentOwnership ownership, EditComment editComment) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Please write your comment, or delete it instead.")]
    [StringLength(CommentForm.MaxTextLength, ErrorMessage = "Your comment can be at most {1} characters; please shorten it.")]
    [ShowsWords]
    [Display(Name = "Your comment")]
    public string? Text { get; set; }

    public string ArticleTitle { get; private set; } = "";
    public string ArticleUrl { get; private set; } = "";
    public bool Allowed { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var comment = await LoadAsync(id, cancellationToken);
        if (comment is null)
        {
            return NotFound();
        }
        Text = comment.Text;
        return Allowed ? Page() : Refused();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        var comment = await LoadAsync(id, cancellationToken);
        if (comment is null)
        {
            return NotFound();
        }
        if (!Allowed)
        {
            return Refused();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var status = await editComment.ExecuteAsync(comment, Text!, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        return Redirect(status == CommentStatus.Approved
            ? ArticleLinks.Comment(comment.Id, CommentNotices.Edited)
            : ArticleLinks.ConversationPage(ArticleUrl, null, "respond", CommentNotices.Edited, comment.Id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var comment = await LoadAsync(id, cancellationToken);
        if (comment is null)
        {
            return NotFound();
        }
        if (!Allowed)
        {
            return Refused();
        }
        comment.Status = CommentStatus.Trash;
        comment.ModerationReason = "Deleted by its author.";
        await db.SaveChangesAsync(cancellationToken);
        Response.Cookies.Delete(CommentOwnership.CookieName(comment.Id));
        return Redirect(ArticleLinks.ConversationPage(ArticleUrl, null, "comments", CommentNotices.Deleted));
    }

    private async Task<Comment?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.Include(c => c.Article)
            .SingleOrDefaultAsync(c => c.Id == id && c.Status != CommentStatus.Trash, cancellationToken);
        if (comment?.Article is not { PublishedAt: { } published } article)
        {
            return null;
        }
        ArticleTitle = article.Title;
        ArticleUrl = ArticleLinks.Of(article.Kind, published, article.Slug);
        Allowed = ownership.MayChange(Request, comment);
        return comment;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
