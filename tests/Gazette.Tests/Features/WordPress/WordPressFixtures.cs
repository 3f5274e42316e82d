using System.IO.Compression;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>The exports under Data/, written for these tests, and how to import them into an app.</summary>
internal static class WordPressFixtures
{
    public const string Harbour = "harbour-wxr-1.2.xml";
    public const string Lighthouse = "lighthouse-wxr-1.0.xml";
    public const string Beacon = "beacon-wxr-1.1.xml";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "WordPress", "Data", name);

    public static Task<ImportReport> ImportAsync(this GazetteApp app, string file, string? uploads = null) =>
        app.ImportAsync(file, uploads is null ? null : new UploadsFolder(uploads));

    public static async Task<ImportReport> ImportAsync(this GazetteApp app, string file, AttachmentFiles? files)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
        return await import.ExecuteAsync(File.Exists(file) ? file : PathOf(file), files, null, CancellationToken.None);
    }

    /// <summary>
    /// The Beacon export as if its site lived at <paramref name="siteUrl"/>: a source of its own, so
    /// each test imports it afresh, and attachment addresses a test server can answer.
    /// </summary>
    public static async Task<string> BeaconAtAsync(string siteUrl)
    {
        var text = await File.ReadAllTextAsync(PathOf(Beacon));
        var path = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "beacon.xml");
        await File.WriteAllTextAsync(path, text.Replace("https://beacon.example.net", siteUrl, StringComparison.Ordinal));
        return path;
    }

    /// <summary>The article an import of <paramref name="siteUrl"/>'s export made of WordPress item <paramref name="wordPressId"/>.</summary>
    public static async Task<Article> ImportedArticleAsync(this IServiceProvider services, string siteUrl, string wordPressId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var source = "wordpress:" + siteUrl.Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal);
        var local = await db.ImportedItems.Where(i => i.Source == source && i.Kind == "item" && i.ExternalId == wordPressId)
            .Select(i => i.LocalId).SingleAsync();
        var id = int.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        return await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    /// <summary>Row counts of everything an import may touch: equal snapshots mean it changed nothing.</summary>
    public static Task<string> SnapshotAsync(this GazetteApp app) => app.WithDbAsync(async db => string.Join(", ",
        $"articles {await db.Articles.CountAsync()}",
        $"comments {await db.Comments.CountAsync()}",
        $"categories {await db.Categories.CountAsync()}",
        $"tags {await db.Tags.CountAsync()}",
        $"users {await db.Users.CountAsync()}",
        $"roles {await db.UserRoles.CountAsync()}",
        $"redirects {await db.Redirects.CountAsync()}",
        $"media {await db.MediaItems.CountAsync()}",
        $"imported {await db.ImportedItems.CountAsync()}",
        $"article-terms {await db.Articles.SelectMany(a => a.Categories).CountAsync() + await db.Articles.SelectMany(a => a.Tags).CountAsync()}",
        $"updated {await db.Articles.MaxAsync(a => (DateTime?)a.UpdatedAt)}"));

    public static Task<Article> ArticleAsync(this GazetteApp app, string slug) => app.WithDbAsync(db =>
        db.Articles.Include(a => a.Categories).Include(a => a.Tags).Include(a => a.Author).SingleAsync(a => a.Slug == slug));

    /// <summary>Posts the staff area's import form with <paramref name="export"/> and an uploads zip.</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(this HttpClient browser, string export, byte[] zip)
    {
        var form = await browser.GetDocumentAsync("/admin/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(export)), "file", "beacon.xml");
        var uploads = new ByteArrayContent(zip);
        uploads.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(uploads, "uploads", "uploads.zip");
        return await browser.PostAsync(new Uri("/admin/import", UriKind.Relative), content);
    }

    /// <summary>The staff area's import page once it shows the report of the import running in the background.</summary>
    public static async Task<IHtmlDocument> WaitForTheImportReportAsync(this HttpClient browser)
    {
        IHtmlDocument page;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            page = await browser.GetDocumentAsync("/admin/import");
            if (page.QuerySelector("table.import-report") is null)
            {
                await Task.Delay(100);
            }
        }
        while (page.QuerySelector("table.import-report") is null && DateTime.UtcNow < deadline);
        return page;
    }

    public static byte[] ZipOf(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }
        return buffer.ToArray();
    }
}
