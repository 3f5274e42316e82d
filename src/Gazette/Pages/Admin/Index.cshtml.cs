using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin;

public sealed class IndexModel(GazetteDbContext db) : PageModel
{
    public sealed record Row(int Id, string Title, string Author, ArticleStatus Status, bool IsSticky, DateTime Date, string? PublicUrl);

    public IReadOnlyList<Row> Articles { get; private set; } = [];
    public int PendingComments { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking();
        if (!ArticlePermissions.CanEditEveryone(User))
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            articles = articles.Where(a => a.AuthorId == userId);
        }
        var rows = await articles
            .OrderByDescending(a => a.UpdatedAt)
            .Take(200)
            .Select(a => new { a.Id, a.Title, a.Slug, Author = a.Author!.DisplayName, a.Status, a.IsSticky, a.UpdatedAt, a.PublishedAt })
            .ToListAsync(cancellationToken);
        Articles = rows.Select(a => new Row(
            a.Id, a.Title, a.Author, a.Status, a.IsSticky, a.PublishedAt ?? a.UpdatedAt,
            a.Status == ArticleStatus.Published && a.PublishedAt is { } published ? ArticleLinks.Article(published, a.Slug) : null))
            .ToList();
        if (ArticlePermissions.CanEditEveryone(User))
        {
            PendingComments = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
        }
    }
}
