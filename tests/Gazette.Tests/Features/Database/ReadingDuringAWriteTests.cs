using System.Net;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Database;

/// <summary>
/// A long write, such as a batch of a WordPress import, must not stop the site being read: on SQLite
/// the database is in WAL mode, where readers see the last committed state while one writer works.
/// </summary>
public sealed class ReadingDuringAWriteTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ReadersAreServedWhileAWriterHoldsItsTransactionOpen()
    {
        var reader = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
        var demo = await app.WithDbAsync(db => db.Articles.AsNoTracking().FirstAsync(a => a.Status == ArticleStatus.Published));

        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        await using (var transaction = await writer.Database.BeginTransactionAsync())
        {
            await writer.Articles.Where(a => a.Id == demo.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Title, "Not committed yet"));
            await writer.Comments.Where(c => c.ArticleId == demo.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.Text, "Not committed yet"));

            var home = await reader.GetAsync("/");
            var article = await reader.GetAsync(GazetteApp.UrlOf(demo));

            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(HttpStatusCode.OK, article.StatusCode);
            var page = await article.Content.ReadAsStringAsync();
            Assert.Contains(WebUtility.HtmlEncode(demo.Title), page, StringComparison.Ordinal);
            Assert.DoesNotContain("Not committed yet", page, StringComparison.Ordinal);
            await transaction.RollbackAsync();
        }
    }
}
