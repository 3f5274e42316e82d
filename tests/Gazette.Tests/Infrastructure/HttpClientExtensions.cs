using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Gazette.Tests.Infrastructure;

public static class HttpClientExtensions
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.ReadDocumentAsync();
    }

    /// <summary>
    /// Posts a form as a browser would: GETs <paramref name="pageUrl"/> for its token (the antiforgery
    /// token with its cookie, or the comment form's signed token), then posts <paramref name="fields"/>
    /// with that token to <paramref name="postUrl"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields, bool withToken = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetDocumentAsync(pageUrl);
        var input = page.QuerySelector("input[name=__RequestVerificationToken]") ?? page.QuerySelector("input[name='Form.Token']");
        var token = input?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"{pageUrl} has no form token");
        var content = new List<KeyValuePair<string, string>>(fields);
        if (withToken && !fields.ContainsKey(input!.GetAttribute("name")!))
        {
            content.Add(new(input.GetAttribute("name")!, token!));
        }
        return await client.PostAsync(new Uri(postUrl, UriKind.Relative), new FormUrlEncodedContent(content));
    }

    public static string TextOf(this IParentNode document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches {selector}");
}
