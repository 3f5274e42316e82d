using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// The harbour export (WXR 1.2) holds every kind of thing WordPress exports; each test imports it
/// (the first import brings it in, the others change nothing) and checks one part.
/// </summary>
public abstract class ImportingAWordPressExport(GazetteApp app)
{
    private async Task ImportHarbourAsync()
    {
        var report = await app.ImportAsync(WordPressFixtures.Harbour);
        Assert.True(report.Succeeded, report.ToString());
    }

    [Fact]
    public async Task BringsInAuthorsAsStaffWithoutPasswordsInTheAuthorRole()
    {
        await ImportHarbourAsync();

        await app.WithDbAsync(async db =>
        {
            var ines = await db.Users.SingleAsync(u => u.UserName == "ines.okafor");
            Assert.Equal("Inès Okafor", ines.DisplayName);
            Assert.Equal("ines@harbour.example.com", ines.Email);
            Assert.Equal("ines-okafor", ines.Slug);
            Assert.Null(ines.PasswordHash);
            var roles = await db.UserRoles.Where(r => r.UserId == ines.Id)
                .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync();
            Assert.Equal([StaffRoles.Author], roles);
            var ferry = await app.ArticleAsync("night-ferry-sails-again");
            Assert.Equal(ines.Id, ferry.AuthorId);
        });
    }

    [Fact]
    public async Task BringsInCategoriesWithParentsAndDescriptionsAndTags()
    {
        await ImportHarbourAsync();

        await app.WithDbAsync(async db =>
        {
            var news = await db.Categories.SingleAsync(c => c.Slug == "news");
            var local = await db.Categories.SingleAsync(c => c.Slug == "town");
            var quay = await db.Categories.SingleAsync(c => c.Slug == "quay");
            Assert.Equal("Everything that happened this week.", news.Description);
            Assert.Null(news.ParentId);
            Assert.Equal(news.Id, local.ParentId);
            Assert.Equal(local.Id, quay.ParentId);
            Assert.Equal("Quay & Moorings", quay.Name);
            Assert.True(await db.Categories.AnyAsync(c => c.Slug == "lighthouse"), "a category only items name is made too");
            Assert.Equal("Été", (await db.Tags.SingleAsync(t => t.Slug == "ete")).Name);
            Assert.False(await db.Tags.AnyAsync(t => t.Slug == "main-menu"), "a menu is not a tag");
        });
        var ferry = await app.ArticleAsync("night-ferry-sails-again");
        // "harbour" is the demo site's own category: the article is filed under it, no copy is made.
        Assert.Equal(["harbour", "quay"], ferry.Categories.Select(c => c.Slug).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.Categories.CountAsync(c => c.Slug.StartsWith("harbour"))));
        Assert.Equal(["ete", "ferries"], ferry.Tags.Select(t => t.Slug).Order());
    }

    [Fact]
    public async Task KeepsEachStatusDateAndFlagWithWarningsForWhatCannotBePublic()
    {
        var report = await app.ImportAsync(WordPressFixtures.Harbour);

        var ferry = await app.ArticleAsync("night-ferry-sails-again");
        Assert.Equal(ArticleStatus.Published, ferry.Status);
        Assert.Equal(new DateTime(2021, 6, 4, 21, 30, 0, DateTimeKind.Utc), ferry.PublishedAt);
        Assert.True(ferry.IsSticky);
        Assert.True(ferry.CommentsOpen);
        Assert.Equal("The night ferry is back after two winters.", ferry.Excerpt);
        Assert.Equal(ArticleKind.Post, ferry.Kind);

        var regatta = await app.ArticleAsync("regatta-timetable");
        Assert.Equal(ArticleStatus.Scheduled, regatta.Status);
        Assert.Equal(new DateTime(2098, 6, 1, 9, 0, 0, DateTimeKind.Utc), regatta.PublishedAt);
        Assert.False(regatta.CommentsOpen);
        Assert.Contains(regatta.Tags, t => t.Slug == "post-format-aside" && t.Name == "Aside");

        Assert.Equal(ArticleStatus.Draft, (await app.ArticleAsync("draft-harbour-dues")).Status);
        Assert.Equal(ArticleStatus.Pending, (await app.ArticleAsync("new-crane")).Status);
        // Password protected in WordPress: published, with the same password.
        var diary = await app.ArticleAsync("harbourmasters-diary");
        Assert.Equal(ArticleStatus.Published, diary.Status);
        Assert.Equal("anchor", diary.Password);
        // Private in WordPress: published for staff only, as there.
        Assert.Equal(ArticleStatus.Private, (await app.ArticleAsync("staff-rota")).Status);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == "Old revision")));

        if (report.ByKind["posts"].Imported > 0)
        {
            // The first import in this fixture: its report explains every skip and change.
            Assert.DoesNotContain(report.Warnings, w => w.Contains("#104", StringComparison.Ordinal));
            Assert.Contains(report.Warnings, w => w.Contains("post format \"Aside\" is kept as the tag \"post-format-aside\"", StringComparison.Ordinal));
            Assert.Contains(report.Skips, s => s.Contains("#107", StringComparison.Ordinal) && s.Contains("revision", StringComparison.Ordinal));
        }
        else
        {
            Assert.All(report.ByKind.Values, c => Assert.Equal(0, c.Imported));
        }
    }

    [Fact]
    public async Task TurnsBlockMarkupAndCaptionsIntoSanitisedHtmlTheEditorKeeps()
    {
        await ImportHarbourAsync();

        var ferry = await app.ArticleAsync("night-ferry-sails-again");
        Assert.DoesNotContain("wp:", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("[caption", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<h2>Who was aboard</h2>", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("Code: a ]]&gt; b.", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<figcaption>The ferry leaving the north quay.</figcaption></figure>", ferry.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("alt=\"The ferry at dusk\"", ferry.BodyHtml, StringComparison.Ordinal);

        // The body is what the editor shows; saved from there unchanged, it renders the same page.
        var markdown = new Gazette.Features.Articles.MarkdownRenderer();
        Assert.Equal(ferry.BodyHtml, markdown.ToHtml(ferry.Body));

        var regatta = await app.ArticleAsync("regatta-timetable");
        Assert.Equal("<p>Boats leave at nine.<br>\nPrizes at noon.</p>\n<p>Bring a coat.</p>\n", regatta.BodyHtml);

        var lighthouse = await app.ArticleAsync("oppet-hus");
        Assert.Equal("Öppet hus på fyren – 灯台", lighthouse.Title);
        Assert.Contains("灯台は土曜日に開きます。", lighthouse.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("Fyren är öppen", lighthouse.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotesGalleriesAndOtherShortcodes()
    {
        var report = await app.ImportAsync(WordPressFixtures.Harbour);

        var draft = await app.ArticleAsync("draft-harbour-dues");
        Assert.Contains("<ul class=\"gallery\">", draft.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("src=\"https://harbour.example.com/wp-content/uploads/2021/06/ferry.jpg\"", draft.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("[gallery", draft.BodyHtml, StringComparison.Ordinal);
        if (report.ByKind["posts"].Imported > 0)
        {
            Assert.Contains(report.Warnings, w => w.Contains("[gallery] lost 1 of its 2 images", StringComparison.Ordinal));
            Assert.Contains(report.Warnings, w => w.Contains("[pullquote] left as text", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task KeepsThePageTreeAndMenuOrder()
    {
        await ImportHarbourAsync();

        var about = await app.ArticleAsync("about");
        var team = await app.ArticleAsync("team");
        var editors = await app.ArticleAsync("editors");
        Assert.All([about, team, editors], p => Assert.Equal(ArticleKind.Page, p.Kind));
        Assert.Null(about.ParentId);
        Assert.Equal(about.Id, team.ParentId);
        Assert.Equal(team.Id, editors.ParentId);
        Assert.Equal([1, 3, 2], new[] { about.MenuOrder, team.MenuOrder, editors.MenuOrder });
    }

    [Fact]
    public async Task MakesTheThumbnailTheFeaturedImageWithAltCaptionAndCredit()
    {
        await ImportHarbourAsync();

        var ferry = await app.ArticleAsync("night-ferry-sails-again");
        Assert.Equal("https://harbour.example.com/wp-content/uploads/2021/06/ferry.jpg", ferry.FeaturedImageUrl);
        Assert.Equal("The ferry at dusk", ferry.FeaturedImageAlt);
        Assert.Equal("The ferry leaving the north quay.", ferry.FeaturedImageCaption);
        Assert.Equal("Harbour Photo", ferry.FeaturedImageCredit);
    }

    [Fact]
    public async Task KeepsCommentThreadsTenDeepWithStatesKindsAndPrivacy()
    {
        await ImportHarbourAsync();

        var ferry = await app.ArticleAsync("night-ferry-sails-again");
        var comments = await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId == ferry.Id).ToListAsync());
        var byName = comments.ToDictionary(c => c.AuthorName);
        for (var depth = 2; depth <= 10; depth++)
        {
            Assert.Equal(byName[$"Replier {depth - 1}"].Id, byName[$"Replier {depth}"].ParentId);
        }
        Assert.Null(byName["Replier 1"].ParentId);
        Assert.Equal("replier1@example.org", byName["Replier 1"].AuthorEmail);
        Assert.Equal("https://replier1.example.net/", byName["Replier 1"].AuthorWebsite);
        Assert.Equal(new DateTime(2021, 6, 1, 1, 0, 0, DateTimeKind.Utc), byName["Replier 1"].CreatedAt);
        Assert.Equal(CommentStatus.Approved, byName["Replier 10"].Status);
        Assert.Equal(CommentStatus.Spam, byName["Cheap Pills"].Status);
        Assert.Equal(CommentStatus.Pending, byName["Waiting Walter"].Status);
        Assert.Equal(CommentStatus.Trash, byName["Binned Bob"].Status);
        Assert.Equal("Is the band playing <a href=\"https://band.example.org/dates\">every night</a>?\nAsking for a friend.", byName["Waiting Walter"].Text);
        Assert.Equal(CommentKind.Pingback, byName["Bay Blog » Ferry news"].Kind);
        Assert.Equal("[…] the ferry is back, says the Weekly […]", byName["Bay Blog » Ferry news"].Text);
        Assert.Equal(CommentKind.Trackback, byName["Coast Notes"].Kind);
        Assert.Equal(CommentKind.Comment, byName["Replier 3"].Kind);
        Assert.All(comments, c => Assert.NotNull(c.AvatarSeed));
        // Older than the retention period: the address is forgotten, as it would have been by now.
        Assert.All(comments, c => Assert.Null(c.AuthorIp));

        var regatta = await app.ArticleAsync("regatta-timetable");
        var early = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == regatta.Id));
        Assert.Equal("198.51.100.0", early.AuthorIp);
    }

    [Fact]
    public async Task KeepsTheFormattingOfAnImportedComment()
    {
        await ImportHarbourAsync();

        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.AuthorName == "Replier 1"));
        // The source's markup in the comment tags WordPress allows; other tags gone with their scripts, their text kept.
        Assert.Equal(
            "Reply at depth 1 of the ferry thread. The <em>new</em> timetable is <a href=\"https://harbour.example.com/timetable/\">online</a>:\n"
            + "<blockquote>The night ferry sails at <strong>22:40</strong>.</blockquote>\n\n"
            + "Set a reminder with <code>at 22:00 &lt;&lt; ferry</code>.Really.",
            stored.Text);

        var page = await app.CreateBrowser().GetDocumentAsync("/2021/06/night-ferry-sails-again");
        var text = page.QuerySelector($"#comment-{stored.Id} > article .comment-text")!;
        var link = text.QuerySelector("a")!;
        Assert.Equal("https://harbour.example.com/timetable/", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc", link.GetAttribute("rel"));
        Assert.Null(link.GetAttribute("onclick"));
        Assert.Null(link.GetAttribute("class"));
        Assert.Equal("new", text.QuerySelector("p > em")!.TextContent);
        Assert.Equal("The night ferry sails at 22:40.", text.QuerySelector("blockquote > p")!.TextContent);
        Assert.Equal("22:40", text.QuerySelector("blockquote strong")!.TextContent);
        Assert.Equal("at 22:00 << ferry", text.QuerySelector("code")!.TextContent);
        Assert.Empty(text.QuerySelectorAll("script, span, [style]"));
    }

    [Fact]
    public async Task ShowsTheWholeTenLevelThreadOnTheArticlePage()
    {
        await ImportHarbourAsync();

        var page = await app.CreateBrowser().GetDocumentAsync("/2021/06/night-ferry-sails-again");
        var deepest = page.QuerySelectorAll("li.comment").Single(li => li.QuerySelector(".comment-author")!.TextContent.Trim() == "Replier 10");
        var depth = 0;
        for (var node = deepest.ParentElement; node is not null; node = node.ParentElement)
        {
            depth += node.LocalName == "li" && node.ClassList.Contains("comment") ? 1 : 0;
        }
        Assert.Equal(9, depth);
        Assert.DoesNotContain("Cheap Pills", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningTheSameImportAgainChangesNothing()
    {
        await ImportHarbourAsync();
        var before = await app.SnapshotAsync();

        var again = await app.ImportAsync(WordPressFixtures.Harbour);

        Assert.True(again.Succeeded, again.ToString());
        Assert.All(again.ByKind, kind => Assert.Equal(0, kind.Value.Imported));
        Assert.Contains(again.Skips, s => s.Contains("#101", StringComparison.Ordinal) && s.Contains("already imported", StringComparison.Ordinal));
        // Every skip is counted under its reason, listed or not.
        Assert.Equal(again.ByKind.Values.Sum(k => k.Skipped), again.SkipsByReason.Sum(r => r.Value));
        var comments = again.SkipsByReason.Where(r => r.Key.StartsWith("comments: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(again.ByKind["comments"].Skipped, comments.Single(r => r.Key == "comments: already imported").Value
            + comments.Where(r => r.Key != "comments: already imported").Sum(r => r.Value));
        Assert.Contains("Skipped, by reason:", again.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [InlineData("/?p=101", "/2021/06/night-ferry-sails-again")]
    [InlineData("/2021/06/04/night-ferry-sails-again/", "/2021/06/night-ferry-sails-again")]
    [InlineData("/night-ferry-sails-again/", "/2021/06/night-ferry-sails-again")]
    [InlineData("/2021/06/07/%C3%B6ppet-hus/", "/2021/06/oppet-hus")]
    [InlineData("/2021/06/%C3%B6ppet-hus/", "/2021/06/oppet-hus")]
    [InlineData("/?p=102", "/2098/06/regatta-timetable")]
    [InlineData("/?page_id=201", "/about")]
    [InlineData("/?p=202", "/team")]
    [InlineData("/about/team/editors/", "/editors")]
    [InlineData("/category/news/town/", "/category/town")]
    [InlineData("/category/news/town/quay/", "/category/quay")]
    [InlineData("/tag/%C3%A9t%C3%A9/", "/tag/ete")]
    public async Task OldAddressesAnswer301WithTheNewOnes(string old, string expected)
    {
        await ImportHarbourAsync();

        var response = await app.CreateBrowser().GetAsync(new Uri(old, UriKind.Relative));

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.MovedPermanently, $"GET {old} answered {(int)response.StatusCode}");
        Assert.Equal(expected, Uri.UnescapeDataString(response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task WordPresssFeedAddressServesTheSiteFeedWithTheImportedPosts()
    {
        await ImportHarbourAsync();

        var response = await app.CreateBrowser().GetAsync(new Uri("/feed/", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The night ferry sails again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewAddressOfAnImportedArticleAnswers()
    {
        await ImportHarbourAsync();

        var page = await app.CreateBrowser().GetDocumentAsync("/2021/06/night-ferry-sails-again");

        Assert.Equal("The night ferry sails again", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Reply at depth 10", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsWxr10WithHttpNamespacesAndNoAuthorList()
    {
        var report = await app.ImportAsync(WordPressFixtures.Lighthouse);

        Assert.True(report.Succeeded, report.ToString());
        var fog = await app.ArticleAsync("fog-on-the-point");
        Assert.Equal("keeper", fog.Author!.UserName);
        Assert.Equal(["weather"], fog.Categories.Select(c => c.Slug));
        Assert.Equal(["fog-horn"], fog.Tags.Select(t => t.Slug));
        Assert.Equal("<p>The horn sounded all night.</p>\n<p>Ships <em>waited</em> outside the bar.</p>\n", fog.BodyHtml);
        var comment = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == fog.Id));
        Assert.Equal("Sailor Sam", comment.AuthorName);
        Assert.Equal(CommentStatus.Approved, comment.Status);
    }

    [Fact]
    public async Task ReadsWxr11WithHttpsNamespacesMatchesAnExistingAuthorAndStoresUploadedImages()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByEmailAsync("hanne.vik@beacon.example.net") is null)
            {
                var hanne = new StaffUser { UserName = "hvik", Email = "hanne.vik@beacon.example.net", DisplayName = "Hanne Vik", Slug = "hanne-vik-staff" };
                Assert.True((await users.CreateAsync(hanne)).Succeeded);
            }
        }
        var uploads = Directory.CreateTempSubdirectory("wp-uploads-").FullName;
        Directory.CreateDirectory(Path.Combine(uploads, "2015", "03"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "2015", "03", "beacon.png"), Media.TestImages.Draw("png", 640, 400));

        var report = await app.ImportAsync(WordPressFixtures.Beacon, uploads);

        Assert.True(report.Succeeded, report.ToString());
        var post = await app.ArticleAsync("new-beacon-lit");
        Assert.Equal("hvik", post.Author!.UserName);
        Assert.Equal("Lit at last.", post.Excerpt);
        Assert.Equal(["signals"], post.Tags.Select(t => t.Slug));
        Assert.StartsWith("/media/", post.FeaturedImageUrl, StringComparison.Ordinal);
        Assert.Equal("A white light on a rock", post.FeaturedImageAlt);
        Assert.Equal("The beacon at night.", post.FeaturedImageCaption);
        Assert.Equal("Coastal Archive", post.FeaturedImageCredit);
        var media = await app.WithDbAsync(db => db.MediaItems.SingleAsync(m => m.Path == post.FeaturedImageUrl));
        Assert.Equal("Coastal Archive", media.Credit);
        var author = await app.CreateBrowser().GetAsync(new Uri("/author/hanne", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, author.StatusCode);
        Assert.Equal("/author/hanne-vik-staff", author.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ReadsAnExportInAnotherDeclaredEncoding()
    {
        var report = await app.ImportAsync("latin1-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        var post = await app.ArticleAsync("cafe-au-lait");
        Assert.Equal("Café au lait on the pier", post.Title);
        Assert.Contains("Crème and naïve gulls.", post.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportsAWordPressComExportWhoseAtomPrefixIsNeverDeclared()
    {
        var report = await app.ImportAsync("wordpress-com-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        var post = await app.ArticleAsync("anemones-at-low-tide");
        Assert.Equal("rockpooler", post.Author!.UserName);
        Assert.Equal(new DateTime(2022, 8, 14, 6, 15, 0, DateTimeKind.Utc), post.PublishedAt);
    }

    [Fact]
    public async Task ImportsATermListedTwiceWithTheSameIdOnce()
    {
        var report = await app.ImportAsync("repeated-term-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(1, report.ByKind["categories"].Imported);
        Assert.Equal(1, report.ByKind["tags"].Imported);
        Assert.Equal(0, report.ByKind["categories"].Skipped + report.ByKind["tags"].Skipped);
        var post = await app.ArticleAsync("heard-it-twice");
        Assert.Equal(["release-6-1"], post.Categories.Select(c => c.Slug));
        Assert.Equal("Release 6.1", post.Categories.Single().Name);
        Assert.Equal(["echoes"], post.Tags.Select(t => t.Slug));
    }

    [Fact]
    public async Task ImportsEveryItemOfAnExportWithStrayTextBetweenElements()
    {
        var report = await app.ImportAsync("stray-text-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        Assert.Equal(2, report.ByKind["posts"].Imported);
        var thread = await app.ArticleAsync("a-loose-thread");
        Assert.Equal(["rope"], thread.Categories.Select(c => c.Slug));
        Assert.Equal("Reef Knot", thread.Author!.DisplayName);
        Assert.Equal("Bowline", (await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.ArticleId == thread.Id))).AuthorName);
        Assert.Equal(ArticleStatus.Published, (await app.ArticleAsync("the-other-end")).Status);
    }

    [Fact]
    public async Task DatesADraftByItsLocalDateNotWordPresssPlaceholderAndKeepsWhenEachArticleWasLastModified()
    {
        var report = await app.ImportAsync("draft-dates-wxr-1.2.xml");

        Assert.True(report.Succeeded, report.ToString());
        var spring = await app.ArticleAsync("spring-tides");
        Assert.Equal(new DateTime(2023, 5, 6, 11, 0, 0, DateTimeKind.Utc), spring.CreatedAt);
        Assert.Equal(new DateTime(2023, 5, 7, 12, 30, 0, DateTimeKind.Utc), spring.UpdatedAt);
        var neap = await app.ArticleAsync("neap-tides");
        Assert.True(neap.CreatedAt.Year > 2020, $"an undated draft is dated by its import, not {neap.CreatedAt:u}");
        Assert.Null(neap.PublishedAt);
        Assert.Equal(neap.CreatedAt, neap.UpdatedAt);
        var king = await app.ArticleAsync("king-tide");
        Assert.Equal(new DateTime(2023, 5, 1, 7, 0, 0, DateTimeKind.Utc), king.PublishedAt);
        Assert.Equal(new DateTime(2023, 6, 2, 8, 45, 0, DateTimeKind.Utc), king.UpdatedAt);
    }
}

public sealed class ImportingAWordPressExportOnSqlite(SqliteApp app) : ImportingAWordPressExport(app), IClassFixture<SqliteApp>;

public sealed class ImportingAWordPressExportOnPostgreSql(PostgreSqlApp app) : ImportingAWordPressExport(app), IClassFixture<PostgreSqlApp>;
