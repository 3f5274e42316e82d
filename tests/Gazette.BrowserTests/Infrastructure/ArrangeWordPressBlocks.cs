using Gazette.Features.Articles;
using Gazette.Features.WordPress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>
/// The export of WordPress core blocks the HTTP tests read (blocks-wxr-1.2.xml), imported with its
/// pictures (the demo's, copied under each attachment's name), so that the page loads nothing from elsewhere.
/// </summary>
public static class ArrangeWordPressBlocks
{
    /// <summary>Where the export keeps its uploads: addresses of the files it does not bring along (sound, video).</summary>
    public const string Uploads = "https://blocks.example.org/wp-content/uploads/2024/06/";

    private static readonly string[] Pictures = ["customs-shed", "quay-north", "quay-south", "quay-east", "harbour-night", "buoy"];
    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>The address of the imported article of blocks (the import runs once per app; later calls find it).</summary>
    public static async Task<string> ArrangeBlocksArticleAsync(this BrowserApp app, string slug = "the-quay-in-blocks")
    {
        ArgumentNullException.ThrowIfNull(app);
        await Once.WaitAsync();
        try
        {
            if (await UrlOfAsync(app, slug) is { } url)
            {
                return url;
            }
            var uploads = Directory.CreateTempSubdirectory("gazette-blocks-");
            try
            {
                var folder = Directory.CreateDirectory(Path.Combine(uploads.FullName, "2024", "06"));
                foreach (var picture in Pictures)
                {
                    File.Copy(RepositoryFiles.UploadImage, Path.Combine(folder.FullName, picture + ".jpg"));
                }
                var export = Path.Combine(RepositoryFiles.Root, "tests", "Gazette.Tests", "Features", "WordPress", "Data", "blocks-wxr-1.2.xml");
                await using var scope = app.Services.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<ImportWordPress>()
                    .ExecuteAsync(export, new UploadsFolder(uploads.FullName), null, CancellationToken.None);
                Assert.True(report.Succeeded, report.ToString());
            }
            finally
            {
                uploads.Delete(recursive: true);
            }
            return await UrlOfAsync(app, slug) ?? throw new InvalidOperationException($"The import made no article {slug}.");
        }
        finally
        {
            Once.Release();
        }
    }

    private static Task<string?> UrlOfAsync(BrowserApp app, string slug) => app.WithDbAsync(async db =>
        await db.Articles.Where(a => a.Slug == slug).Select(a => a.PublishedAt).SingleOrDefaultAsync() is { } published
            ? ArticleLinks.Article(published, slug)
            : null);
}
