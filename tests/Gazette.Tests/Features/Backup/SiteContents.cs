using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Features.Backup;

/// <summary>What a restore must bring back, read the same way from the site backed up and the site restored.</summary>
internal sealed record SiteContents(
    IReadOnlyList<string> Articles,
    IReadOnlyDictionary<int, string> Comments,
    IReadOnlyList<string> Settings,
    IReadOnlyList<string> Staff,
    IReadOnlyDictionary<string, byte[]> Media)
{
    public static async Task<SiteContents> ReadAsync(GazetteDbContext db, string dataDirectory)
    {
        var articles = await db.Articles.OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Slug, a.Title, a.Body, a.BodyHtml, a.Status, a.PublishedAt, a.AuthorId, a.CommentsOpen })
            .ToListAsync();
        var comments = await db.Comments.OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.ArticleId, c.ParentId, c.Status, c.Text, c.AuthorName, c.AuthorEmail, c.CreatedAt })
            .ToListAsync();
        var settings = await db.SiteSettings.OrderBy(s => s.Key).Select(s => s.Key + "=" + s.Value).ToListAsync();
        var staff = await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName + " " + u.PasswordHash + " " + u.SecurityStamp).ToListAsync();
        var media = Path.Combine(dataDirectory, "media");
        var files = Directory.Exists(media)
            ? Directory.GetFiles(media, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(media, f), File.ReadAllBytes)
            : [];
        return new SiteContents(
            articles.Select(a => a.ToString()!).ToList(),
            comments.ToDictionary(c => c.Id, c => c.ToString()!),
            settings,
            staff,
            files);
    }
}
