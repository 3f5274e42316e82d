using System.Text.Json;
using AngleSharp.Html.Dom;
using Gazette.Data;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Pages;

/// <summary>What search engines and link previews read: canonical address, OpenGraph, Twitter cards, JSON-LD.</summary>
public sealed class MetadataTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Site = "http://localhost";

    [Fact]
    public async Task TheArticlePageDescribesItselfInJsonLdFieldByField()
    {
        var (article, category) = await ArrangeAsync("Dredging starts at the harbour mouth");

        var page = await app.CreateBrowser().GetDocumentAsync(GazetteApp.UrlOf(article));

        var url = Site + GazetteApp.UrlOf(article);
        var news = JsonLd(page, "NewsArticle");
        Assert.Equal("https://schema.org", news.GetProperty("@context").GetString());
        Assert.Equal(url, news.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal(article.Title, news.GetProperty("headline").GetString());
        Assert.Equal(article.Summary, news.GetProperty("description").GetString());
        Assert.Equal(article.PublishedAt!.Value, news.GetProperty("datePublished").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(article.UpdatedAt, news.GetProperty("dateModified").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        var author = news.GetProperty("author")[0];
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal("Mara Lindqvist", author.GetProperty("name").GetString());
        Assert.Equal(Site + "/author/mara-lindqvist", author.GetProperty("url").GetString());
        var publisher = news.GetProperty("publisher");
        Assert.Equal("Organization", publisher.GetProperty("@type").GetString());
        Assert.Equal("The Gazette", publisher.GetProperty("name").GetString());
        Assert.Equal(Site + "/logo.png", publisher.GetProperty("logo").GetProperty("url").GetString());
        var image = news.GetProperty("image");
        Assert.Equal("ImageObject", image.GetProperty("@type").GetString());
        Assert.Equal(Site + "/demo/harbour-dawn.jpg", image.GetProperty("url").GetString());
        Assert.Equal("Photo: Harbour Authority", image.GetProperty("creditText").GetString());
        Assert.Equal("The dredger at work at first light.", image.GetProperty("caption").GetString());
        Assert.Equal(2, news.GetProperty("commentCount").GetInt32());
        Assert.Equal(category, news.GetProperty("articleSection").GetString());
        Assert.Equal(["Dredging", "Harbour"], news.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray());

        var crumbs = JsonLd(page, "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(["The Gazette", category, article.Title], crumbs.Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([1, 2, 3], crumbs.Select(c => c.GetProperty("position").GetInt32()).ToArray());
        Assert.Equal(url, crumbs[2].GetProperty("item").GetString());

        // The same facts for link previews.
        Assert.Equal(url, Meta(page, "link[rel=canonical]", "href"));
        Assert.Equal(url, Meta(page, "meta[property='og:url']"));
        Assert.Equal("article", Meta(page, "meta[property='og:type']"));
        Assert.Equal(article.Title, Meta(page, "meta[property='og:title']"));
        Assert.Equal(article.Summary, Meta(page, "meta[name=description]"));
        Assert.Equal(Site + "/demo/harbour-dawn.jpg", Meta(page, "meta[property='og:image']"));
        Assert.Equal("A dredger in the harbour mouth", Meta(page, "meta[property='og:image:alt']"));
        Assert.Equal("summary_large_image", Meta(page, "meta[name='twitter:card']"));
        Assert.Equal(category, Meta(page, "meta[property='article:section']"));
        Assert.Equal(["Dredging", "Harbour"], page.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")!).ToArray());
    }

    [Fact]
    public async Task AHeadlineThatLooksLikeMarkupStaysInsideItsJsonLd()
    {
        var (article, _) = await ArrangeAsync("Council \"rethinks\" </script><script>alert(1)</script> & <b>ferries</b> 🚢");

        var response = await app.CreateBrowser().GetAsync(new Uri(GazetteApp.UrlOf(article), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.OrdinalIgnoreCase);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal(article.Title, JsonLd(page, "NewsArticle").GetProperty("headline").GetString());
        Assert.Equal(article.Title, Meta(page, "meta[property='og:title']"));
    }

    [Fact]
    public async Task TheHomePageOffersTheSiteSearchToSearchEngines()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/");

        var site = JsonLd(page, "WebSite");
        Assert.Equal(Site + "/", site.GetProperty("url").GetString());
        Assert.Equal("The Gazette", site.GetProperty("name").GetString());
        var action = site.GetProperty("potentialAction");
        Assert.Equal("SearchAction", action.GetProperty("@type").GetString());
        Assert.Equal(Site + "/search?q={search_term_string}", action.GetProperty("target").GetProperty("urlTemplate").GetString());
        Assert.Equal("required name=search_term_string", action.GetProperty("query-input").GetString());
        Assert.Equal(Site + "/", Meta(page, "link[rel=canonical]", "href"));
        // A second page exists once there are more articles than a page holds (a page past the last is a 404).
        for (var i = 0; i < 11; i++)
        {
            await app.CreateArticleAsync();
        }
        Assert.Equal(Site + "/?page=2", Meta(await app.CreateBrowser().GetDocumentAsync("/?page=2&utm_source=x"), "link[rel=canonical]", "href"));
        Assert.Equal("website", Meta(page, "meta[property='og:type']"));
    }

    private async Task<(Article Article, string Category)> ArrangeAsync(string title)
    {
        var category = "Harbour " + app.Unique("c");
        var article = await app.CreateArticleAsync(a =>
        {
            a.Title = title;
            a.FeaturedImageUrl = "/demo/harbour-dawn.jpg";
            a.FeaturedImageAlt = "A dredger in the harbour mouth";
            a.FeaturedImageCaption = "The dredger at work at first light.";
            a.FeaturedImageCredit = "Photo: Harbour Authority";
            a.Categories.Add(new Category { Name = category, Slug = Gazette.Features.Articles.Slugs.From(category) });
            a.Tags.Add(new Tag { Name = "Harbour", Slug = app.Unique("harbour") });
            a.Tags.Add(new Tag { Name = "Dredging", Slug = app.Unique("dredging") });
        });
        await app.AddCommentAsync(article);
        await app.AddCommentAsync(article);
        await app.AddCommentAsync(article, c => c.Status = CommentStatus.Pending);
        article = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == article.Id));
        return (article, category);
    }

    private static JsonElement JsonLd(IHtmlDocument page, string type) =>
        page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(e => e.GetProperty("@type").GetString() == type);

    private static string? Meta(IHtmlDocument page, string selector, string attribute = "content") =>
        page.QuerySelector(selector)?.GetAttribute(attribute);
}
