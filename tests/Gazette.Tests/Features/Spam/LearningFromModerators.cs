using Gazette.Data;
using Gazette.Features.Spam;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.Spam;

public sealed class LearningFromModerators(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task RetrainsOnSpamAndHamDecisionsAndStoresTheModel()
    {
        var scorer = app.Services.GetRequiredService<SpamScorer>();
        // A made-up word the seed corpus has never seen: only moderators' decisions can teach it.
        const string Pitch = "Order glorvix capsules from the glorvix store today";
        var before = scorer.Score(Pitch);
        var article = await app.CreateArticleAsync();
        for (var i = 0; i < 40; i++)
        {
            var n = i;
            await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Spam; c.Text = $"glorvix capsules deal number {n}, glorvix for everyone"; });
            await app.AddCommentAsync(article, c => { c.Status = CommentStatus.Approved; c.Text = $"The ferry timetable change {n} affects the early shift at the market."; });
        }

        await scorer.RetrainAsync(CancellationToken.None);

        var after = scorer.Score(Pitch);
        Assert.True(after > before + 0.2, $"spam probability went from {before:0.00} to {after:0.00}");
        var stored = await app.WithDbAsync(db => db.SpamModels.SingleAsync());
        Assert.True(stored.SpamCount >= 40 && stored.HamCount >= 40);
        Assert.NotEmpty(stored.Model);
        Assert.True(scorer.Score("The early shift at the market starts at five.") < 0.5);
    }
}
