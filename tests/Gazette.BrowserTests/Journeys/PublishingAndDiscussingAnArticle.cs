using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.BrowserTests.Infrastructure;
using Gazette.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Journeys;

/// <summary>The whole story the product exists for: publish → read → comment → moderate → see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PublishingAndDiscussingAnArticle(BrowserApp app)
{
    [Fact]
    public async Task AReaderSeesTheWholeSeedArticleAndTheirReplyOnceAModeratorApprovesIt()
    {
        var seed = SeedArticle.Load();
        var draft = new ArticleDraft(
            seed.Title, seed.Markdown, RepositoryFiles.UploadImage,
            ImageAlt: "A lighthouse on a dark headland and two sailboats on calm water at sunrise",
            ImageCaption: "Illustration standing in for the press photograph.",
            ImageCredit: seed.ImageCredit);

        // The newsroom: sign in through the form and publish the article with an uploaded image.
        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await new SignInPage(staff).SignInAsync(app.Staff.UserName, app.Staff.Password);
        var editor = new ArticleEditorPage(staff);
        await editor.OpenNewAsync();
        var publishedAround = DateTime.UtcNow;
        var path = await editor.PublishAsync(draft);

        // A reader, not signed in, sees every part of the page.
        await using var readerContext = await app.NewContextAsync();
        var article = new ArticlePage(await readerContext.NewPageAsync());
        await article.OpenAsync(path);

        await Expect(article.Headline).ToHaveTextAsync(seed.Title);

        await Expect(article.FeaturedImage).ToBeVisibleAsync();
        await Expect(article.FeaturedImage).ToHaveAttributeAsync("alt", draft.ImageAlt);
        await Expect(article.FeaturedImage).ToHaveAttributeAsync("src", MediaPath());
        Assert.True(await article.FeaturedImage.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"),
            "The uploaded featured image did not load.");
        await Expect(article.ImageCaption).ToHaveTextAsync(draft.ImageCaption);
        await Expect(article.ImageCredit).ToBeVisibleAsync();
        await Expect(article.ImageCredit).ToHaveTextAsync($"Image source: {seed.ImageCredit}");

        await Expect(article.BodyBlocks).ToHaveTextAsync(seed.Body.Select(b => b.Text));
        for (var i = 0; i < seed.Body.Count; i++)
        {
            await Expect(article.BodyBlocks.Nth(i)).ToBeVisibleAsync();
        }
        Assert.NotEmpty(seed.Headings);
        await Expect(article.SectionHeadings).ToHaveTextAsync(seed.Headings);
        foreach (var heading in seed.Headings)
        {
            await Expect(article.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 2, Exact = true })).ToBeVisibleAsync();
        }

        await Expect(article.Byline).ToBeVisibleAsync();
        await Expect(article.Byline).ToHaveTextAsync($"By {seed.BylineName}");
        await Expect(article.PublicationDate).ToBeVisibleAsync();
        var published = DateTime.Parse(
            await article.PublicationDate.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.InRange(published, publishedAround.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        await Expect(article.PublicationDate).ToHaveTextAsync(published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));

        await Expect(article.ReplyHeading).ToBeVisibleAsync();
        await Expect(article.ReplyHeading).ToHaveTextAsync(seed.ReplyHeading);
        await Expect(article.FormNotice).ToBeVisibleAsync();
        await Expect(article.FormNotice).ToHaveTextAsync(seed.FormNotice);
        foreach (var (field, label) in new[]
        {
            (article.NameField, "Name *"), (article.EmailField, "Email *"),
            (article.WebsiteField, "Website"), (article.CommentField, "Comment *"),
        })
        {
            await Expect(field).ToBeVisibleAsync();
            await Expect(field).ToBeEditableAsync();
            var visibleLabel = await article.LabelOfAsync(field);
            await Expect(visibleLabel).ToBeVisibleAsync();
            await Expect(visibleLabel).ToHaveTextAsync(label);
        }

        // The reader replies; a first-time commenter waits for moderation.
        var reply = new CommentEntry(
            "Lena Marsh", app.Unique("lena") + "@example.org", "lena.example.org",
            $"A neutral broker needs both sides to trust it. ({app.Unique("reply")})");
        await article.PostCommentAsync(reply);
        await Expect(article.AwaitingModerationNotice).ToBeVisibleAsync();
        await Expect(article.Comments).ToHaveCountAsync(0);
        // Only in the notice, for this reader: what they wrote, as it will look once approved.
        await Expect(article.AwaitingModerationNotice.Locator(".comment-pending")).ToContainTextAsync(reply.Text);
        await article.AwaitingModerationNotice.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("comment-awaiting-moderation.png") });

        // A moderator approves it in the newsroom.
        var moderation = new ModerationPage(staff);
        await moderation.OpenAsync();
        await moderation.ApproveAsync(reply.Name, reply.Text);

        // The reader reloads: the reply is under the article.
        await article.Page.ReloadAsync();
        var shown = article.CommentBy(reply.Name);
        await Expect(shown).ToBeVisibleAsync();
        await Expect(shown).ToContainTextAsync(reply.Text);
        await Expect(article.Comments).ToHaveCountAsync(1);
        await Expect(article.Conversation.GetByRole(AriaRole.Heading, new() { Name = "1 comment", Exact = true })).ToBeVisibleAsync();

        // Pictures of the finished page for people to look at, desktop and phone.
        await article.Page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("article.png"), FullPage = true });
        await using var phoneContext = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var phone = new ArticlePage(await phoneContext.NewPageAsync());
        await phone.OpenAsync(path);
        await Expect(phone.CommentBy(reply.Name)).ToBeVisibleAsync();
        await phone.Page.ScreenshotAsync(new() { Path = RepositoryFiles.ScreenshotPath("article-phone.png"), FullPage = true });
    }

    [GeneratedRegex("^/media/.+")]
    private static partial Regex MediaPath();
}
