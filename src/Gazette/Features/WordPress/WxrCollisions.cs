using System.Globalization;

namespace Gazette.Features.WordPress;

/// <summary>
/// Ids an export repeats in ways WordPress's importer tolerates, settled as it settles them, and the same
/// way on every pass over the file, so that the check and the import see the same entries: an author login
/// listed again takes the last listing's details (the importer keeps authors by login); a term id given to
/// terms with different slugs leaves the later one known by its slug (the importer finds terms by slug);
/// a comment ID met again is made unique, as the importer inserts both comments. Each entry so settled
/// says so (<see cref="WxrAuthor.Listings"/>, <see cref="WxrTerm.SharedId"/>, <see cref="WxrComment.SharedId"/>)
/// for the check to report. Repeated items are the import's to pass over, as WordPress's importer does.
/// </summary>
internal sealed class WxrCollisions
{
    private readonly List<WxrAuthor> _authors = [];
    private readonly Dictionary<string, int> _authorAt = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string Taxonomy, string Id, string Slug)> _terms = [];
    private readonly Dictionary<(string Taxonomy, string Id), string> _termSlugs = [];
    /// <summary>The comment IDs met so far: numbers, as WordPress writes them, kept as such (cheaper on the hot path), or else as text.</summary>
    private readonly HashSet<long> _commentNumbers = [];
    private readonly HashSet<string> _commentTexts = new(StringComparer.Ordinal);

    /// <summary>Holds an author until <see cref="ReleaseAuthors"/>: a later listing of its login replaces its details.</summary>
    public void Hold(WxrAuthor author)
    {
        if (author.Login.Length > 0 && _authorAt.TryGetValue(author.Login, out var at) && at < _authors.Count)
        {
            _authors[at] = author with { Listings = _authors[at].Listings + 1 };
            return;
        }
        _authorAt[author.Login] = _authors.Count;
        _authors.Add(author);
    }

    /// <summary>The authors held, in the order first listed; authors listed after the first item are released one by one.</summary>
    public List<WxrAuthor> ReleaseAuthors()
    {
        var held = _authors.ToList();
        _authors.Clear();
        _authorAt.Clear();
        return held;
    }

    /// <summary>
    /// The term as the import should see it, or null when it repeats an earlier one exactly (WordPress lists
    /// a category or tag again as a <c>wp:term</c> with the same id and slug: it is one term).
    /// </summary>
    public WxrTerm? Settle(WxrTerm term)
    {
        if (!_terms.Add((term.Taxonomy, term.Id, term.Slug)))
        {
            return null;
        }
        if (term.Id.Length == 0 || _termSlugs.TryAdd((term.Taxonomy, term.Id), term.Slug))
        {
            return term;
        }
        return term with { Id = "", SharedId = term.Id };
    }

    /// <summary>Makes the IDs of the item's comments unique in the file; replies on the item follow their parent's new ID.</summary>
    public void Settle(WxrItem item)
    {
        Dictionary<string, string>? renamed = null;
        foreach (var comment in item.Comments)
        {
            if (comment.Id.Length == 0 || FirstTime(comment.Id))
            {
                continue;
            }
            var unique = $"{comment.Id}@{item.Id}";
            for (var n = 2; !FirstTime(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{comment.Id}@{item.Id}.{n}");
            }
            renamed ??= new(StringComparer.Ordinal);
            renamed[comment.Id] = unique;
            comment.SharedId = comment.Id;
            comment.Id = unique;
        }
        if (renamed is null)
        {
            return;
        }
        foreach (var comment in item.Comments)
        {
            if (renamed.TryGetValue(comment.Parent, out var parent) && parent != comment.Id)
            {
                comment.Parent = parent;
            }
        }
    }

    private bool FirstTime(string commentId) =>
        // "070" is not 70: only IDs written as WordPress writes numbers are kept as numbers.
        (commentId[0] != '0' || commentId.Length == 1) && long.TryParse(commentId, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? _commentNumbers.Add(number)
            : _commentTexts.Add(commentId);
}
