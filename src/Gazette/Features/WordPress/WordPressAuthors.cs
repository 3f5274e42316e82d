using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// The import's pass over WordPress's users: each becomes a staff account here (or is matched to one by
/// login or email), made by <see cref="UserManager{TUser}"/> like any other account, without a password, in
/// the Author role: it signs in only once an Administrator invites it to set a password from the Staff page.
/// </summary>
internal sealed class WordPressAuthors(
    GazetteDbContext db, UserManager<StaffUser> users, ImportRun run, WordPressRedirects redirects)
{
    /// <summary>Login (any case) → staff user id.</summary>
    private readonly Dictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);
    private string? _fallback;

    public async Task ImportAsync(IEnumerable<WxrAuthor> authors, CancellationToken cancellationToken)
    {
        foreach (var author in authors)
        {
            var key = author.Id.Length > 0 ? author.Id : author.Login;
            if (run.WasImported("author", key, out var known) && await db.Users.AnyAsync(u => u.Id == known, cancellationToken))
            {
                _ids[author.Login] = known;
                run.Report.Skipped("authors", author.Login, "already imported");
                continue;
            }
            if (await FindAsync(author.Login, author.Email, cancellationToken) is { } user)
            {
                _ids[author.Login] = user.Id;
                run.Report.Skipped("authors", author.Login, $"matched to the existing staff account \"{user.UserName}\"");
                run.Map("author", key, () => user.Id);
                await RedirectAsync(author.Login, user.Slug, cancellationToken);
                continue;
            }
            var created = await CreateAsync(author, cancellationToken);
            _ids[author.Login] = created.Id;
            run.Map("author", key, () => created.Id);
            run.Report.Imported("authors");
        }
    }

    /// <summary>
    /// A Co-Authors Plus guest author (an item of type <c>guest-author</c>): a byline without a WordPress
    /// account, made a staff account here like any author, with its bio.
    /// </summary>
    public async Task ImportGuestAsync(WxrItem item, CancellationToken cancellationToken)
    {
        var meta = item.Meta;
        var login = WxrReader.Blank(meta.GetValueOrDefault("cap-user_login") ?? "")
            ?? (item.Slug.StartsWith("cap-", StringComparison.Ordinal) ? item.Slug[4..] : item.Slug);
        if (login.Length == 0)
        {
            run.Report.Skipped("authors", ImportText.Describe(item), "a guest author without a login");
            return;
        }
        var guest = new WxrAuthor(GuestKey(item.Id), login, WxrReader.Blank(meta.GetValueOrDefault("cap-user_email") ?? ""),
            WxrReader.Blank(meta.GetValueOrDefault("cap-display_name") ?? "") ?? WxrReader.Blank(item.Title),
            WxrReader.Blank(meta.GetValueOrDefault("cap-first_name") ?? ""), WxrReader.Blank(meta.GetValueOrDefault("cap-last_name") ?? ""));
        var before = _ids.ContainsKey(login);
        await ImportAsync([guest], cancellationToken);
        if (!before && _ids.TryGetValue(login, out var id) && WxrReader.Blank(meta.GetValueOrDefault("cap-description") ?? "") is { } bio
            && await users.FindByIdAsync(id) is { Bio: null } user)
        {
            user.Bio = ImportText.Cut(bio, 2000);
            await users.UpdateAsync(user);
        }
    }

    /// <summary>How a guest author's import is recorded, apart from WordPress's users' ids.</summary>
    public static string GuestKey(string itemId) => "guest-author:" + itemId;

    /// <summary>
    /// The byline Co-Authors Plus gave an item (its <c>author</c> terms, named by login, in order), as staff
    /// ids without repeats; empty when the plugin was not used, and the item's creator is its author.
    /// </summary>
    public async Task<IReadOnlyList<string>> BylineAsync(WxrItem item, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var term in item.Terms.Where(t => t.Domain == "author"))
        {
            var login = term.Name.Length > 0 ? term.Name : term.Slug.StartsWith("cap-", StringComparison.Ordinal) ? term.Slug[4..] : term.Slug;
            if (login.Length > 0 && await ForItemAsync(login, cancellationToken) is var id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>The staff id for an item's <c>dc:creator</c> login, made into an account when the export did not list it.</summary>
    public async Task<string> ForItemAsync(string? login, CancellationToken cancellationToken)
    {
        if (login is null)
        {
            return _fallback ??= _ids.Values.FirstOrDefault()
                ?? await db.UserRoles.Where(r => db.Roles.Any(role => role.Id == r.RoleId && role.Name == StaffRoles.Administrator))
                    .Select(r => r.UserId).FirstOrDefaultAsync(cancellationToken)
                ?? await ForItemAsync("wordpress", cancellationToken);
        }
        if (_ids.TryGetValue(login, out var id))
        {
            return id;
        }
        if (await FindAsync(login, null, cancellationToken) is { } existing)
        {
            _ids[login] = existing.Id;
            return existing.Id;
        }
        var created = await CreateAsync(new WxrAuthor("", login, null, null, null, null), cancellationToken);
        run.Map("author", login, () => created.Id);
        _ids[login] = created.Id;
        run.Report.Imported("authors");
        run.Report.Warn($"authors: {login}: not listed in the export's authors; made from the items' creator");
        return created.Id;
    }

    private async Task<StaffUser?> FindAsync(string login, string? email, CancellationToken cancellationToken)
    {
        var name = users.NormalizeName(login);
        var mail = email is null ? null : users.NormalizeEmail(email);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == name || (mail != null && u.NormalizedEmail == mail))
            .OrderBy(u => u.NormalizedUserName == name ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// An account without a password, in the Author role. Its email is WordPress's when that is a usable
    /// address no other account has; a login Identity would refuse as a user name loses the characters it refuses.
    /// </summary>
    private async Task<StaffUser> CreateAsync(WxrAuthor author, CancellationToken cancellationToken)
    {
        var display = author.DisplayName ?? string.Join(' ', new[] { author.FirstName, author.LastName }.OfType<string>());
        display = display.Length == 0 ? author.Login : display;
        var email = author.Email is { Length: <= 256 } e && System.Net.Mail.MailAddress.TryCreate(e, out _)
            && await users.FindByEmailAsync(e) is null ? e : null;
        var user = new StaffUser
        {
            UserName = ImportText.Cut(author.Login, 256),
            Email = email,
            DisplayName = ImportText.Cut(display, 100),
            Slug = await Slugs.UniqueAsync(db.Users.Select(u => u.Slug), Slugs.From(author.Login), cancellationToken),
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidUserName)))
        {
            user.UserName = await AllowedUserNameAsync(author.Login);
            run.Report.Warn($"authors: {author.Login}: not a user name allowed here; signs in as \"{user.UserName}\"");
            result = await users.CreateAsync(user);
        }
        if (!result.Succeeded)
        {
            throw new WxrFormatException(
                $"The author \"{author.Login}\" could not be made into a staff account: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        var role = await users.AddToRoleAsync(user, StaffRoles.Author);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException($"The Author role could not be given to \"{user.UserName}\": {role.Errors.First().Description}");
        }
        await RedirectAsync(author.Login, user.Slug, cancellationToken);
        return user;
    }

    /// <summary>The login without the characters Identity does not allow in a user name, made unique.</summary>
    private async Task<string> AllowedUserNameAsync(string login)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        var name = new string([.. login.Where(allowed.Contains)]).Trim();
        name = ImportText.Cut(name.Length == 0 ? "author" : name, 240);
        var candidate = name;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++)
        {
            candidate = $"{name}-{n}";
        }
        return candidate;
    }

    /// <summary>WordPress's author archive is at its "nicename", the login made URL-safe.</summary>
    private Task RedirectAsync(string login, string slug, CancellationToken cancellationToken)
    {
        var nicename = Slugs.From(login);
        return nicename == slug && run.BasePath.Length == 0
            ? Task.CompletedTask
            : redirects.AddNowAsync("/author/" + nicename, ArticleLinks.Author(slug), cancellationToken);
    }
}
