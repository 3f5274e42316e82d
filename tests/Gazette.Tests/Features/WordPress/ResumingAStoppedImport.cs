using Gazette.Data;
using Gazette.Features.WordPress;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// What an import does once every batch is in (a page's parent named later in the file, an attachment's old
/// page led to its post) is not lost when the import is stopped just before it: running it again does it,
/// though that run finds every item imported already. The harbour export is imported and stopped (as the
/// site's stop cancels an import job) when its last batch is committed, imported again, and compared with
/// one uninterrupted import.
/// </summary>
public sealed class ResumingAStoppedImport
{
    [Fact]
    public async Task RunningAnImportStoppedAfterItsLastBatchAgainLinksWhatItLeftUnlinked()
    {
        await using var whole = new SqliteApp();
        var report = await whole.ImportAsync(WordPressFixtures.Harbour);
        Assert.True(report.Succeeded, report.ToString());

        await using var stopped = new SqliteApp();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StopAfterTheLastBatchAsync(stopped));
        var again = await stopped.ImportAsync(WordPressFixtures.Harbour);
        Assert.True(again.Succeeded, again.ToString());

        // Team (202) names About (201) before it in the file; Editors (203) names Team, after it.
        Assert.Equal(await ParentsAsync(whole), await ParentsAsync(stopped));
        Assert.Equal("about/team/editors", Assert.Single(await ParentsAsync(stopped), p => p.EndsWith("/editors", StringComparison.Ordinal)));
        // The ferry's photo (150) had its own page, which leads to the ferry story (101).
        var redirects = await RedirectsAsync(stopped);
        Assert.Equal(await RedirectsAsync(whole), redirects);
        Assert.Contains("/?attachment_id=150 → /2021/06/night-ferry-sails-again", redirects);
    }

    /// <summary>Imports the harbour export, cancelling once its last batch (the second pass's only one) is committed.</summary>
    private static async Task StopAfterTheLastBatchAsync(SqliteApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportWordPress>();
        using var stop = new CancellationTokenSource();
        var batches = 0;
        var progress = new Reported(p =>
        {
            if (p.Stage == "Importing" && ++batches == 2)
            {
                stop.Cancel();
            }
        });
        await import.ExecuteAsync(WordPressFixtures.PathOf(WordPressFixtures.Harbour), null, progress, stop.Token);
    }

    /// <summary>Every page with its line of parents, by slug: <c>about/team/editors</c>.</summary>
    private static Task<List<string>> ParentsAsync(SqliteApp app) => app.WithDbAsync(async db =>
    {
        var pages = await db.Articles.AsNoTracking().Where(a => a.Kind == ArticleKind.Page).ToDictionaryAsync(a => a.Id);
        return pages.Values.Select(page =>
        {
            var line = page.Slug;
            for (var parent = page.ParentId; parent is { } id && pages.TryGetValue(id, out var above); parent = above.ParentId)
            {
                line = above.Slug + "/" + line;
            }
            return line;
        }).Order(StringComparer.Ordinal).ToList();
    });

    private static Task<List<string>> RedirectsAsync(SqliteApp app) => app.WithDbAsync(async db =>
        (await db.Redirects.AsNoTracking().Select(r => r.FromPath + " → " + r.ToUrl).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    /// <summary>Progress told on the importing thread, at once (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class Reported(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
