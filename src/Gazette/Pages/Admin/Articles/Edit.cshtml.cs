using System.Security.Claims;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Articles;

public sealed class EditModel(GazetteDbContext db, SaveArticle saveArticle, IAuthorizationService authorization) : PageModel
{
    public sealed record CategoryOption(int Id, string Name, int Depth);

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? FeaturedImage { get; set; }

    public int? ArticleId { get; private set; }
    public ArticleStatus? Status { get; private set; }
    public string? PublicUrl { get; private set; }

    /// <summary>For the "Revisions (N)" link.</summary>
    public int RevisionCount { get; private set; }
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>The user may publish; otherwise the editor offers "Submit for review".</summary>
    public bool CanPublish { get; private set; }

    public bool CanUpload { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is { } articleId)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Categories).Include(a => a.Tags)
                .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
            if (article is null)
            {
                return NotFound();
            }
            if (!ArticlePermissions.CanEdit(User, article))
            {
                return Forbid();
            }
            Form = new ArticleForm
            {
                Title = article.Title,
                Slug = article.Slug,
                Body = article.Body,
                Excerpt = article.Excerpt,
                FeaturedImageUrl = article.FeaturedImageUrl,
                FeaturedImageAlt = article.FeaturedImageAlt,
                FeaturedImageCaption = article.FeaturedImageCaption,
                FeaturedImageCredit = article.FeaturedImageCredit,
                CategoryIds = article.Categories.Select(c => c.Id).ToList(),
                Tags = string.Join(", ", article.Tags.Select(t => t.Name).Order()),
                CommentsOpen = article.CommentsOpen,
                IsSticky = article.IsSticky,
            };
            Describe(article);
            RevisionCount = await db.ArticleRevisions.CountAsync(r => r.ArticleId == articleId, cancellationToken);
        }
        await PrepareAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string intent, CancellationToken cancellationToken)
    {
        var saveIntent = intent switch
        {
            "publish" => SaveIntent.Publish,
            "submit" => SaveIntent.SubmitForReview,
            _ => SaveIntent.Draft,
        };
        if (id is { } existingId)
        {
            var stored = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == existingId, cancellationToken);
            if (stored is null)
            {
                return NotFound();
            }
            if (!ArticlePermissions.CanEdit(User, stored))
            {
                return Forbid();
            }
        }
        await PrepareAsync(cancellationToken);
        if ((saveIntent == SaveIntent.Publish && !CanPublish) || (FeaturedImage is { Length: > 0 } && !CanUpload))
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var authorId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            var result = await saveArticle.ExecuteAsync(id, Form, FeaturedImage, saveIntent, authorId, cancellationToken);
            if (result.Succeeded)
            {
                var article = result.Article!;
                Message = article.Status switch
                {
                    ArticleStatus.Published => "Article published.",
                    ArticleStatus.Pending => "Submitted for review. An Editor will publish it or send it back.",
                    _ => "Draft saved.",
                };
                return RedirectToPage(new { id = article.Id });
            }
            foreach (var (field, error) in result.Errors)
            {
                ModelState.AddModelError(field.Length == 0 || field == "FeaturedImage" ? field : $"Form.{field}", error);
            }
        }

        // Show the form again with everything that was typed.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (id is { } articleId && await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken) is { } existing)
        {
            Describe(existing);
        }
        return Page();
    }

    private void Describe(Article article)
    {
        ArticleId = article.Id;
        Status = article.Status;
        PublicUrl = article.IsPublished ? ArticleLinks.Article(article.PublishedAt!.Value, article.Slug) : null;
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        CanPublish = ArticlePermissions.CanPublish(User);
        CanUpload = (await authorization.AuthorizeAsync(User, StaffPolicies.UploadMedia)).Succeeded;
        await LoadCategoriesAsync(cancellationToken);
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.ParentId }).ToListAsync(cancellationToken);
        var options = new List<CategoryOption>();
        void Add(int? parentId, int depth)
        {
            foreach (var category in all.Where(c => c.ParentId == parentId))
            {
                options.Add(new CategoryOption(category.Id, category.Name, depth));
                if (depth < 10)
                {
                    Add(category.Id, depth + 1);
                }
            }
        }
        Add(null, 0);
        Categories = options;
    }
}
