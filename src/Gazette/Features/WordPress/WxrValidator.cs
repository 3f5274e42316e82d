namespace Gazette.Features.WordPress;

/// <summary>
/// The staging pass: reads a whole export once, writing nothing, so that a broken, truncated or
/// ambiguous file is refused before the import changes the database. Keeps only identifiers.
/// </summary>
public static class WxrValidator
{
    public sealed record Summary(WxrChannel Channel, int Items, int Comments);

    /// <summary>Throws <see cref="WxrFormatException"/> saying what is wrong, or counts what the file holds.</summary>
    public static Summary Validate(Stream stream, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WxrChannel? channel = null;
        var posts = new HashSet<string>(StringComparer.Ordinal);
        var comments = new HashSet<string>(StringComparer.Ordinal);
        // "category:12" → its slug. The reader passes on an identical repeat of a term only once.
        var terms = new Dictionary<string, string>(StringComparer.Ordinal);
        var logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var commentCount = 0;
        foreach (var entry in WxrReader.Read(stream))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (entry)
            {
                case WxrChannel c:
                    channel = c;
                    break;
                case WxrAuthor author when author.Login.Length == 0:
                    throw new WxrFormatException("An author (wp:author) has no login (wp:author_login).");
                case WxrAuthor author when !logins.Add(author.Login):
                    throw new WxrFormatException($"The author login \"{author.Login}\" appears twice.");
                case WxrTerm term when term.Slug.Length == 0 && term.Name.Length == 0:
                    throw new WxrFormatException($"A {TermName(term.Taxonomy)} (id {term.Id}) has neither a name nor a slug.");
                case WxrTerm term when term.Id.Length > 0 && !terms.TryAdd(term.Taxonomy + ":" + term.Id, term.Slug):
                    throw new WxrFormatException($"Two {TermName(term.Taxonomy)} entries have the id {term.Id}, with different slugs "
                        + $"(\"{terms[term.Taxonomy + ":" + term.Id]}\" and \"{term.Slug}\").");
                case WxrItem item:
                    if (item.Id.Length == 0)
                    {
                        throw new WxrFormatException($"The item \"{Cut(item.Title)}\" has no WordPress ID (wp:post_id).");
                    }
                    posts.Add(item.Id);
                    // An ID met twice is not refused: WordPress's importer keeps the first item with an ID and
                    // passes over the others (real exports have them: the Theme Unit Test data's menu items),
                    // and so does the import here, saying so in its report.
                    foreach (var comment in item.Comments)
                    {
                        if (comment.Id.Length == 0)
                        {
                            throw new WxrFormatException($"A comment on item {item.Id} has no ID (wp:comment_id).");
                        }
                        if (!comments.Add(comment.Id))
                        {
                            throw new WxrFormatException($"Two comments have the ID {comment.Id} (the second on item {item.Id}).");
                        }
                        commentCount++;
                    }
                    if (stream.CanSeek && stream.Length > 0)
                    {
                        progress?.Report((double)stream.Position / stream.Length);
                    }
                    break;
            }
        }
        return channel is null
            ? throw new WxrFormatException("The WordPress export has no channel.")
            : new Summary(channel, posts.Count, commentCount);
    }

    private static string TermName(string taxonomy) => taxonomy switch
    {
        "category" => "category",
        "post_tag" => "tag",
        _ => "term",
    };

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
