using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Gazette.Features.Articles;

/// <summary>
/// The classes an article's body may keep once sanitised: those Markdown writes, and those of
/// WordPress's core blocks that the site's stylesheet lays out (<c>wwwroot/css/site.css</c>, "Blocks").
/// Any other class is dropped, so that a body cannot borrow the page's own classes (a hidden skip link,
/// a notice, a button) or carry names nothing styles.
/// </summary>
public static partial class BodyClasses
{
    /// <summary>The classes allowed by name; <see cref="IsAllowed"/> adds those that name a number or a provider.</summary>
    public static readonly FrozenSet<string> Names = new[]
    {
        // Markdig: footnotes, task lists, figures, maths, diagrams; tables' alignment (MarkdownRenderer).
        "footnotes", "footnote-ref", "footnote-back-ref", "contains-task-list", "task-list-item", "task-list-item-checkbox",
        "figure", "figure-caption", "math", "mermaid", "nomnoml", "align-left", "align-right", "align-center",
        // Alignment and captions.
        "alignleft", "alignright", "aligncenter", "alignwide", "alignfull", "alignnone",
        "wp-element-caption", "wp-caption", "wp-caption-text", "has-text-align-left", "has-text-align-center", "has-text-align-right",
        // Columns.
        "wp-block-columns", "wp-block-column", "is-not-stacked-on-mobile",
        "are-vertically-aligned-top", "are-vertically-aligned-center", "are-vertically-aligned-bottom",
        "is-vertically-aligned-top", "is-vertically-aligned-center", "is-vertically-aligned-bottom",
        // Buttons.
        "wp-block-buttons", "wp-block-button", "wp-block-button__link", "wp-element-button", "is-style-outline", "is-style-fill",
        "is-content-justification-left", "is-content-justification-center", "is-content-justification-right",
        "is-content-justification-space-between", "is-vertical",
        // Cover.
        "wp-block-cover", "wp-block-cover-image", "wp-block-cover__image-background", "wp-block-cover__background",
        "wp-block-cover__gradient-background", "wp-block-cover__inner-container", "has-background-dim", "is-light",
        // Gallery, WordPress's block (nested images or the older list) and its shortcode's as imported.
        "wp-block-gallery", "has-nested-images", "is-cropped", "columns-default", "blocks-gallery-grid", "blocks-gallery-item",
        "blocks-gallery-caption", "gallery",
        // Images, media and text, audio, video, embeds.
        "wp-block-image", "is-resized", "is-style-rounded", "size-thumbnail", "size-medium", "size-large", "size-full",
        "wp-block-media-text", "wp-block-media-text__media", "wp-block-media-text__content", "has-media-on-the-right",
        "is-stacked-on-mobile", "is-image-fill", "wp-block-audio", "wp-block-video", "wp-block-embed", "wp-block-embed__wrapper",
        "is-type-video", "is-type-rich", "is-type-wp-embed",
        // Group, quotes, separators, spacers, tables, code, verse, details, lists and headings.
        "wp-block-group", "is-layout-flow", "is-layout-constrained", "is-layout-flex", "is-layout-grid", "is-nowrap",
        "wp-block-group-is-layout-flow", "wp-block-group-is-layout-constrained", "wp-block-group-is-layout-flex",
        "wp-block-group-is-layout-grid", "has-background",
        "wp-block-quote", "is-style-large", "is-large", "wp-block-pullquote",
        "wp-block-separator", "is-style-wide", "is-style-dots", "has-alpha-channel-opacity", "wp-block-spacer",
        "wp-block-table", "is-style-stripes", "has-fixed-layout",
        "wp-block-code", "wp-block-preformatted", "wp-block-verse", "wp-block-details", "wp-block-list", "wp-block-heading",
        // WordPress's preset font sizes and a paragraph's drop cap (colours are the theme's, and stay WordPress's).
        "has-small-font-size", "has-medium-font-size", "has-large-font-size", "has-x-large-font-size", "has-xx-large-font-size",
        "has-drop-cap",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether an article's body may keep <paramref name="name"/>.</summary>
    public static bool IsAllowed(string name) => Names.Contains(name) || Patterned().IsMatch(name);

    /// <summary>
    /// Classes that name a number or a provider: a code block's language, a gallery's columns, a cover's
    /// dim ratio, an embed's provider, and the sizes <c>WordPressLayout</c> reads from WordPress's inline styles.
    /// </summary>
    [GeneratedRegex(@"^(?:language-[a-z0-9_+#-]{1,30}|columns-[1-8]|has-background-dim-(?:[0-9]0|100)"
        + @"|is-provider-[a-z0-9-]{1,30}|wp-embed-aspect-(?:16-9|4-3|21-9|1-1|9-16)|flex-basis-(?:20|25|33|40|50|60|66|75|80)"
        + @"|media-width-(?:25|33|40|50|60|66|75)|min-height-(?:s|m|l|xl|screen)|spacer-(?:xs|s|m|l|xl))$", RegexOptions.CultureInvariant)]
    private static partial Regex Patterned();
}
