using Microsoft.Playwright;

namespace Gazette.BrowserTests.Pages;

/// <summary>
/// One field of a feed as <see cref="FeedReaderPage"/> took it: the feed, the link of its entry
/// (empty for the feed's own fields), its name (<c>dc:creator</c>, <c>link@href</c>), its kind
/// (<c>html</c>, <c>text</c> or <c>url</c>) and what the page shows: for HTML, the text of what
/// <c>innerHTML</c> made of it.
/// </summary>
public sealed record ReadField(string Feed, string Entry, string Name, string Kind, string Shown);

/// <summary>
/// A web feed reader of the plainest kind, served on the app's own origin so that it may fetch
/// the feeds. It decodes a feed once (XML or JSON) and puts every field the format lets a reader
/// take as HTML into the page with <c>innerHTML</c>: all of RSS's text, Atom's <c>type="html"</c>,
/// Media RSS's credit and HTML description, JSON Feed's <c>content_html</c>.
/// </summary>
public sealed class FeedReaderPage(IPage page)
{
    public const string Address = "/__feed-reader";

    private const string Html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Feed reader</title></head>
        <body><main id="reader"></main></body></html>
        """;

    // Returns one [feed, entry, name, kind, shown] per field.
    private const string Read = """
        async urls => {
          const reader = document.getElementById('reader');
          const rows = [];
          const add = (feed, entry, name, kind, value) => {
            if (value === null || value === undefined || value === '') return;
            let shown = String(value);
            if (kind === 'html') {
              const item = document.createElement('article');
              item.innerHTML = value;
              reader.append(item);
              shown = item.textContent;
            }
            rows.push([feed, entry, name, kind, shown]);
          };
          const atom = 'http://www.w3.org/2005/Atom', media = 'http://search.yahoo.com/mrss/';
          const attributeKinds = new Map([['href', 'url'], ['url', 'url'], ['term', 'text'], ['label', 'text'], ['title', 'text']]);
          for (const url of urls) {
            // Against the origin, not the page's base URL, which a <base> gone live would have moved.
            const response = await fetch(new URL(url, location.origin));
            if (!response.ok) throw new Error(`${url} answered ${response.status}`);
            const body = await response.text();
            if (url.endsWith('/json')) {
              const feed = JSON.parse(body);
              add(url, '', 'title', 'text', feed.title);
              add(url, '', 'description', 'text', feed.description);
              for (const item of feed.items) {
                const entry = item.url;
                add(url, entry, 'url', 'url', item.url);
                add(url, entry, 'image', 'url', item.image);
                add(url, entry, 'title', 'text', item.title);
                add(url, entry, 'summary', 'text', item.summary);
                add(url, entry, 'content_text', 'text', item.content_text);
                add(url, entry, 'content_html', 'html', item.content_html);
                for (const author of item.authors ?? []) {
                  add(url, entry, 'author', 'text', author.name);
                  add(url, entry, 'author@url', 'url', author.url);
                }
                for (const tag of item.tags ?? []) add(url, entry, 'tag', 'text', tag);
                for (const [key, value] of Object.entries(item._gazette ?? {})) add(url, entry, `_gazette.${key}`, 'text', value);
              }
              continue;
            }
            const doc = new DOMParser().parseFromString(body, 'application/xml');
            if (doc.getElementsByTagName('parsererror').length > 0) throw new Error(`${url} is not well-formed XML`);
            const rss = doc.documentElement.localName === 'rss';
            const entryOf = el => {
              for (let e = el; e; e = e.parentElement) {
                if (rss && e.localName === 'item') return e.querySelector(':scope > link')?.textContent ?? '';
                if (!rss && e.localName === 'entry' && e.namespaceURI === atom) {
                  const link = [...e.children].find(c => c.localName === 'link' && (c.getAttribute('rel') ?? 'alternate') === 'alternate');
                  return link?.getAttribute('href') ?? '';
                }
              }
              return '';
            };
            const kindOf = el => {
              if (el.namespaceURI === media) return el.localName === 'credit' || el.getAttribute('type') === 'html' ? 'html' : 'text';
              if (rss) return 'html';
              if (el.namespaceURI === atom && el.localName === 'uri') return 'url';
              return ['html', 'xhtml'].includes(el.getAttribute('type')) ? 'html' : 'text';
            };
            for (const el of doc.getElementsByTagName('*')) {
              const entry = entryOf(el);
              for (const attribute of el.attributes) {
                const kind = attributeKinds.get(attribute.localName);
                if (kind && attribute.prefix !== 'xmlns') add(url, entry, `${el.nodeName}@${attribute.localName}`, kind, attribute.value);
              }
              if (el.children.length === 0) add(url, entry, el.nodeName, kindOf(el), el.textContent);
            }
          }
          return rows;
        }
        """;

    public IPage Page => page;

    /// <summary>Serves the reader's empty page at <see cref="Address"/> on the app's origin, and opens it.</summary>
    public async Task OpenAsync()
    {
        await page.RouteAsync("**" + Address, route => route.FulfillAsync(new() { ContentType = "text/html; charset=utf-8", Body = Html }));
        await page.GotoAsync(Address);
    }

    /// <summary>Fetches each feed and puts its fields into the page, as <see cref="FeedReaderPage"/> says.</summary>
    public async Task<IReadOnlyList<ReadField>> ReadAsync(IEnumerable<string> feeds)
    {
        var rows = await page.EvaluateAsync<string[][]>(Read, feeds.ToArray());
        return rows.Select(r => new ReadField(r[0], r[1], r[2], r[3], r[4])).ToList();
    }
}
