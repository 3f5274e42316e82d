using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>
/// Looks for what hostile text would leave behind if it ever became markup: dialogs it opened,
/// the <c>window.__xss</c> marker it set (or an element it named so), event-handler attributes,
/// script URLs, scripts, frames and plug-ins, and inside a comment any element or attribute the
/// comment template does not write (or, in its text, that is not one of the inert tags comments may use).
/// </summary>
public sealed class ActiveContent
{
    // Runs in the page and returns one line per problem.
    private const string Inspect = """
        () => {
          const problems = [];
          const show = el => el.outerHTML.slice(0, 160);
          const scriptUrl = /^(javascript|vbscript|livescript):|^data:text\/html/;
          const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcset', 'poster',
            'background', 'lowsrc', 'dynsrc', 'codebase', 'cite', 'ping', 'manifest', 'to', 'from', 'values']);
          for (const el of document.querySelectorAll('*')) {
            for (const { name, value } of el.attributes) {
              const attribute = name.toLowerCase();
              if (attribute.startsWith('on')) problems.push(`an ${attribute} attribute: ${show(el)}`);
              if (attribute === 'style' || attribute === 'srcdoc') problems.push(`a ${attribute} attribute: ${show(el)}`);
              if (urlAttributes.has(attribute) || attribute.endsWith(':href')) {
                const url = value.replace(/[\s\u0000-\u001f\u007f-\u00a0\u200b-\u200f\ufeff]/g, '').toLowerCase();
                if (scriptUrl.test(url)) problems.push(`a script URL in ${attribute}: ${show(el)}`);
              }
            }
          }
          // Gazette ships no inline script, frame, plug-in, inline style or inline SVG on public pages;
          // its script elements are JSON-LD data blocks in the head, which browsers never run, and its
          // own files from /js/ loaded there.
          for (const el of document.querySelectorAll(
              'script, iframe, frame, frameset, object, embed, applet, base, style, svg, math, body link, body meta')) {
            const jsonLd = el.localName === 'script' && el.parentElement === document.head
              && el.getAttribute('type') === 'application/ld+json' && !el.hasAttribute('src');
            const ownFile = el.localName === 'script' && el.parentElement === document.head
              && /^\/js\/[a-z-]+\.js(\?v=[\w-]+)?$/.test(el.getAttribute('src') || '') && !el.textContent.trim();
            if (!jsonLd && !ownFile) problems.push(`a ${el.localName} element: ${show(el)}`);
          }
          // The comment template writes only these; anything else inside a comment came from its data.
          const tags = new Set(['li', 'article', 'header', 'span', 'a', 'time', 'div', 'p', 'br', 'ol']);
          const attributes = new Set(['class', 'id', 'href', 'rel', 'aria-label', 'aria-hidden', 'datetime']);
          // A comment's text may also hold the inert tags WordPress allows in comments, and links to web or mail addresses only.
          const textTags = new Set(['p', 'br', 'a', 'em', 'i', 'strong', 'b', 'blockquote', 'q', 'cite', 'code', 'pre', 'del', 's', 'strike', 'abbr', 'acronym']);
          const textAttributes = new Set(['href', 'rel', 'title']);
          for (const el of document.querySelectorAll('li.comment, li.comment *')) {
            const inText = !el.classList.contains('comment-text') && el.closest('.comment-text') !== null;
            if (!(inText ? textTags : tags).has(el.localName)) problems.push(`a ${el.localName} element in a comment: ${show(el)}`);
            for (const { name } of el.attributes) {
              if (!(inText ? textAttributes : attributes).has(name)) problems.push(`a ${name} attribute in a comment: ${show(el)}`);
            }
            if (inText && el.hasAttribute('href') && !/^(https?:\/\/|mailto:)/i.test(el.getAttribute('href'))) {
              problems.push(`a link to ${el.getAttribute('href')} in a comment's text: ${show(el)}`);
            }
          }
          if ('__xss' in window) problems.push(`window.__xss is set: ${String(window.__xss).slice(0, 160)}`);
          return problems;
        }
        """;

    private readonly ConcurrentQueue<string> _dialogs = new();

    private ActiveContent()
    {
    }

    /// <summary>Every dialog the page opened (each dismissed at once), with the page it opened on.</summary>
    public IReadOnlyCollection<string> Dialogs => _dialogs;

    /// <summary>Starts recording <paramref name="page"/>'s dialogs: alert, confirm, prompt, beforeunload.</summary>
    public static ActiveContent Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var watch = new ActiveContent();
        page.Dialog += async (_, dialog) =>
        {
            watch._dialogs.Enqueue($"{dialog.Type} \"{dialog.Message}\" on {page.Url}");
            try
            {
                await dialog.DismissAsync();
            }
            catch (PlaywrightException)
            {
                // Already gone (hundreds of dialogs in a row, or the page closed): recorded all the same.
                // Thrown from this event handler, it would end the test run instead of failing the test.
            }
        };
        return watch;
    }

    /// <summary>What the page, as it is now, holds that hostile text must never become.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Once the page has loaded, give handlers still pending (autofocus, timers) a frame and a task to run.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))");
        var problems = await page.EvaluateAsync<string[]>(Inspect);
        return problems.Select(p => $"{page.Url}: {p}").ToList();
    }
}
