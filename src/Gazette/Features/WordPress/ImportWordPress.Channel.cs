using System.Globalization;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    private async Task ImportAuthorsAsync(Run run, Dictionary<(string, string), string> mapped, CancellationToken cancellationToken)
    {
        foreach (var author in run.Authors)
        {
            var key = author.Id.Length > 0 ? author.Id : author.Login;
            if (mapped.TryGetValue(("author", key), out var known) && await db.Users.AnyAsync(u => u.Id == known, cancellationToken))
            {
                run.AuthorIds[author.Login] = known;
                run.Report.Skipped("authors", author.Login, "already imported");
                continue;
            }
            var user = await FindUserAsync(author.Login, author.Email, cancellationToken);
            if (user is not null)
            {
                run.AuthorIds[author.Login] = user.Id;
                run.Report.Skipped("authors", author.Login, $"matched to the existing staff account \"{user.UserName}\"");
                run.Map("author", key, () => user.Id);
                await RedirectAuthorAsync(run, author.Login, user.Slug, cancellationToken);
                continue;
            }
            var created = await NewAuthorAsync(run, author, cancellationToken);
            run.AuthorIds[author.Login] = created.Id;
            run.Map("author", key, () => created.Id);
            run.Report.Imported("authors");
        }
        // Slugs of new authors must be unique among themselves before the first save.
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<StaffUser?> FindUserAsync(string login, string? email, CancellationToken cancellationToken)
    {
        var name = normalizer.NormalizeName(login);
        var mail = email is null ? null : normalizer.NormalizeEmail(email);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == name || (mail != null && u.NormalizedEmail == mail))
            .OrderBy(u => u.NormalizedUserName == name ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A staff account without a password, in the Author role: it signs in only after an Administrator
    /// sends a password link. Written directly, as WordPress logins need not follow Identity's user-name rules.
    /// </summary>
    private async Task<StaffUser> NewAuthorAsync(Run run, WxrAuthor author, CancellationToken cancellationToken)
    {
        var display = author.DisplayName ?? string.Join(' ', new[] { author.FirstName, author.LastName }.OfType<string>());
        display = display.Length == 0 ? author.Login : display;
        var slug = await Slugs.UniqueAsync(db.Users.Select(u => u.Slug), Slugs.From(author.Login), cancellationToken);
        var email = author.Email is { Length: <= 256 } e && e.Contains('@', StringComparison.Ordinal)
            && !await db.Users.AnyAsync(u => u.NormalizedEmail == normalizer.NormalizeEmail(e), cancellationToken) ? e : null;
        var user = new StaffUser
        {
            UserName = author.Login[..Math.Min(author.Login.Length, 256)],
            NormalizedUserName = normalizer.NormalizeName(author.Login[..Math.Min(author.Login.Length, 256)]),
            Email = email,
            NormalizedEmail = email is null ? null : normalizer.NormalizeEmail(email),
            DisplayName = display[..Math.Min(display.Length, 100)],
            Slug = slug,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        db.Users.Add(user);
        var roleId = run.AuthorRoleId ??= await db.Roles.Where(r => r.Name == StaffRoles.Author).Select(r => r.Id).SingleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync(cancellationToken);
        await RedirectAuthorAsync(run, author.Login, slug, cancellationToken);
        return user;
    }

    /// <summary>WordPress's author archive is at its "nicename", the login made URL-safe.</summary>
    private Task RedirectAuthorAsync(Run run, string login, string slug, CancellationToken cancellationToken)
    {
        var nicename = Slugs.From(login);
        return nicename == slug && run.BasePath.Length == 0 ? Task.CompletedTask : AddRedirectNowAsync(run, "/author/" + nicename, ArticleLinks.Author(slug), cancellationToken);
    }

    /// <summary>The author for an item: its dc:creator login, made into an account when the export did not list it.</summary>
    private async Task<string> AuthorForAsync(Run run, Batch batch, string? login, CancellationToken cancellationToken)
    {
        if (login is null)
        {
            return run.FallbackAuthorId ??= run.AuthorIds.Values.FirstOrDefault()
                ?? await db.UserRoles.Where(r => db.Roles.Any(role => role.Id == r.RoleId && role.Name == StaffRoles.Administrator))
                    .Select(r => r.UserId).FirstOrDefaultAsync(cancellationToken)
                ?? (await AuthorForAsync(run, batch, "wordpress", cancellationToken));
        }
        if (run.AuthorIds.TryGetValue(login, out var id))
        {
            return id;
        }
        if (batch.NewAuthors.TryGetValue(login, out var pending))
        {
            return pending.Id;
        }
        if (await FindUserAsync(login, null, cancellationToken) is { } existing)
        {
            run.AuthorIds[login] = existing.Id;
            return existing.Id;
        }
        var created = await NewAuthorAsync(run, new WxrAuthor("", login, null, null, null, null), cancellationToken);
        run.Map("author", login, () => created.Id);
        run.AuthorIds[login] = created.Id;
        run.Report.Imported("authors");
        run.Report.Warn($"authors: {login}: not listed in the export's authors; made from the items' creator");
        return created.Id;
    }

    private async Task ImportTermsAsync(Run run, Dictionary<(string, string), string> mapped, CancellationToken cancellationToken)
    {
        var categories = new Dictionary<string, Category>(StringComparer.Ordinal);
        var wanted = run.Terms.Where(t => t.Taxonomy == "category").ToList();
        foreach (var term in wanted)
        {
            var slug = TermSlug(term.Slug, term.Name);
            var key = term.Id.Length > 0 ? term.Id : slug;
            if (mapped.TryGetValue(("category", key), out var known) && int.TryParse(known, CultureInfo.InvariantCulture, out var knownId))
            {
                run.Categories[slug] = knownId;
                run.Report.Skipped("categories", term.Name, "already imported");
                continue;
            }
            if (await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken) is { } existing)
            {
                run.Categories[slug] = existing.Id;
                run.Report.Skipped("categories", term.Name, $"a category with the slug \"{slug}\" exists: articles are filed under it");
                run.Map("category", key, () => existing.Id.ToString(CultureInfo.InvariantCulture));
                continue;
            }
            if (categories.ContainsKey(slug))
            {
                run.Report.Skipped("categories", term.Name, $"another category in the export has the slug \"{slug}\"");
                continue;
            }
            var category = new Category { Name = Cut(term.Name.Length > 0 ? term.Name : slug, 200), Slug = slug, Description = CutOrNull(term.Description, 2000) };
            categories[slug] = category;
            db.Categories.Add(category);
            run.Map("category", key, () => category.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported("categories");
        }
        foreach (var term in wanted.Where(t => t.ParentSlug is not null))
        {
            var slug = TermSlug(term.Slug, term.Name);
            if (!categories.TryGetValue(slug, out var category))
            {
                continue;
            }
            var parentSlug = TermSlug(term.ParentSlug!, term.ParentSlug!);
            if (categories.TryGetValue(parentSlug, out var parent) && parent != category)
            {
                category.Parent = parent;
            }
            else if (run.Categories.TryGetValue(parentSlug, out var parentId))
            {
                category.ParentId = parentId;
            }
            else
            {
                run.Report.Warn($"categories: {term.Name}: its parent \"{term.ParentSlug}\" is not in the export; it is a top-level category");
            }
        }
        // Post formats are kept as tags (see FileUnderTermsAsync).
        foreach (var term in run.Terms.Where(t => t.Taxonomy is "post_tag" or "post_format"))
        {
            var slug = TermSlug(term.Slug, term.Name);
            var key = term.Id.Length > 0 ? term.Id : slug;
            if (mapped.TryGetValue(("tag", key), out var known) && int.TryParse(known, CultureInfo.InvariantCulture, out var knownId))
            {
                run.Tags[slug] = knownId;
                run.Report.Skipped("tags", term.Name, "already imported");
                continue;
            }
            if (await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken) is { } existing)
            {
                run.Tags[slug] = existing.Id;
                run.Report.Skipped("tags", term.Name, $"a tag with the slug \"{slug}\" exists: articles are tagged with it");
                run.Map("tag", key, () => existing.Id.ToString(CultureInfo.InvariantCulture));
                continue;
            }
            if (db.ChangeTracker.Entries<Tag>().Any(e => e.Entity.Slug == slug))
            {
                run.Report.Skipped("tags", term.Name, $"another tag in the export has the slug \"{slug}\"");
                continue;
            }
            var tag = new Tag { Name = Cut(term.Name.Length > 0 ? term.Name : slug, 200), Slug = slug };
            db.Tags.Add(tag);
            run.Map("tag", key, () => tag.Id.ToString(CultureInfo.InvariantCulture));
            run.Report.Imported("tags");
        }
        foreach (var term in run.Terms.Where(t => t.Taxonomy is not ("category" or "post_tag" or "post_format" or "nav_menu")))
        {
            run.Report.Skipped("tags", $"{term.Name} ({term.Taxonomy})", $"the taxonomy \"{term.Taxonomy}\" has no counterpart here");
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (slug, category) in categories)
        {
            run.Categories[slug] = category.Id;
        }
        foreach (var tag in db.ChangeTracker.Entries<Tag>().Select(e => e.Entity))
        {
            run.Tags[tag.Slug] = tag.Id;
        }
        await RedirectTermsAsync(run, cancellationToken);
    }

    /// <summary>Old nested category paths (<c>/category/news/local</c>) and changed slugs point at the archives here.</summary>
    private async Task RedirectTermsAsync(Run run, CancellationToken cancellationToken)
    {
        var parents = run.Terms.Where(t => t.Taxonomy == "category")
            .GroupBy(t => TermSlug(t.Slug, t.Name)).ToDictionary(g => g.Key, g => g.First().ParentSlug, StringComparer.Ordinal);
        foreach (var slug in parents.Keys)
        {
            var path = new List<string> { slug };
            for (var parent = parents[slug]; parent is not null && path.Count < 20 && !path.Contains(parent); parent = parents.GetValueOrDefault(parent))
            {
                path.Insert(0, parent);
            }
            var newSlug = await db.Categories.Where(c => c.Id == run.Categories[slug]).Select(c => c.Slug).SingleAsync(cancellationToken);
            await AddRedirectNowAsync(run, "/category/" + string.Join('/', path), ArticleLinks.Category(newSlug), cancellationToken);
        }
        foreach (var term in run.Terms.Where(t => t.Taxonomy == "post_tag" && t.Slug.Length > 0))
        {
            if (run.Tags.TryGetValue(TermSlug(term.Slug, term.Name), out var id))
            {
                var newSlug = await db.Tags.Where(t => t.Id == id).Select(t => t.Slug).SingleAsync(cancellationToken);
                await AddRedirectNowAsync(run, "/tag/" + term.Slug, ArticleLinks.Tag(newSlug), cancellationToken);
            }
        }
    }

    /// <summary>A term's slug here: WordPress's own when it is a usable one, else one made from the name.</summary>
    private static string TermSlug(string slug, string name) =>
        Slugs.From(slug.Length > 0 ? slug : name) is var made && made.Length <= 200 ? made : made[..200];

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static string? CutOrNull(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : Cut(text.Trim(), max);
}
