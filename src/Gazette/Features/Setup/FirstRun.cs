using System.Security.Cryptography;
using Gazette.Data;
using Gazette.Features.Articles;
using Gazette.Features.Comments;
using Gazette.Features.Staff;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Setup;

/// <summary>
/// On a site with no staff yet: creates the Administrator with a generated password, seeds the
/// demo article, and tells the operator how to sign in. Later starts find staff and do nothing.
/// </summary>
internal static class FirstRun
{
    public const string AdministratorUserName = "admin";

    public static IServiceCollection AddFirstRun(this IServiceCollection services) => services;

    public static async Task RunFirstRunAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GazetteDbContext>();
        if (await db.Users.AnyAsync())
        {
            return;
        }

        var password = GeneratePassword();
        await CreateAdministratorAsync(services.GetRequiredService<UserManager<StaffUser>>(), password);
        await SeedDemoAsync(db, services.GetRequiredService<Avatars>(), services.GetRequiredService<Media.MediaStore>(),
            services.GetRequiredService<TimeProvider>());

        app.Lifetime.ApplicationStarted.Register(() => PrintSignIn(app, password));
    }

    private static async Task CreateAdministratorAsync(
        UserManager<StaffUser> users, string password, string userName = AdministratorUserName)
    {
        var admin = new StaffUser
        {
            UserName = userName,
            Email = userName + "@localhost.invalid",
            EmailConfirmed = true,
            DisplayName = "Site Administrator",
            Slug = userName,
        };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, StaffRoles.Administrator));
    }

    /// <summary>
    /// After an import from the command line, which may have filled an empty site with accounts that have
    /// no password and no staff role of weight: makes sure some Administrator can sign in. The imported
    /// account <paramref name="login"/>, when given, becomes an Administrator (with a new password if it
    /// has none); failing that, when no Administrator can sign in, one is created as on the first run
    /// (named "admin", or "admin-2"… when an imported account has that name). Prints what to sign in with.
    /// </summary>
    /// <returns>False when <paramref name="login"/> names no account.</returns>
    public static async Task<bool> EnsureAdministratorAsync(IServiceProvider services, string? login, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var found = true;
        if (login is not null)
        {
            if (await users.FindByNameAsync(login) is { } chosen)
            {
                await scope.ServiceProvider.GetRequiredService<ChangeRole>().ExecuteAsync(chosen, StaffRoles.Administrator);
                var password = await users.HasPasswordAsync(chosen) ? null : GeneratePassword();
                if (password is not null)
                {
                    Check(await users.AddPasswordAsync(chosen, password));
                }
                await output.WriteLineAsync($"{chosen.UserName} is now an Administrator" + (password is null
                    ? " and signs in with the password it has."
                    : $". Sign in at /admin/signin as {chosen.UserName} with the password {password} (shown only now)."));
            }
            else
            {
                await output.WriteLineAsync($"There is no account \"{login}\" on this site after the import, so it was not made an Administrator.");
                found = false;
            }
        }
        var administrators = await users.GetUsersInRoleAsync(StaffRoles.Administrator);
        var canSignIn = false;
        foreach (var administrator in administrators)
        {
            canSignIn |= !ChangeRole.IsSuspended(administrator) && await users.HasPasswordAsync(administrator);
        }
        if (!canSignIn)
        {
            var userName = AdministratorUserName;
            for (var n = 2; await users.FindByNameAsync(userName) is not null; n++)
            {
                userName = $"{AdministratorUserName}-{n}";
            }
            var password = GeneratePassword();
            await CreateAdministratorAsync(users, password, userName);
            await output.WriteLineAsync($"""

                No Administrator could sign in, so one was made. Sign in to the newsroom at /admin/signin:
                  User name: {userName}
                  Password:  {password}
                This password is shown only now. Keep it somewhere safe.
                """);
        }
        return found;
    }

    private static async Task SeedDemoAsync(GazetteDbContext db, Avatars avatars, Media.MediaStore media, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime.AddHours(-3);
        var reporter = new StaffUser
        {
            UserName = "mara.lindqvist",
            NormalizedUserName = "MARA.LINDQVIST",
            Email = "mara.lindqvist@localhost.invalid",
            NormalizedEmail = "MARA.LINDQVIST@LOCALHOST.INVALID",
            DisplayName = "Mara Lindqvist",
            Slug = "mara-lindqvist",
            Bio = "Mara covers transport and the harbour for the Gazette.",
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        var picture = await DemoMedia.AddAsync(media, reporter, now, CancellationToken.None);
        var local = new Category { Name = "Local", Slug = "local", Description = "News from the town and the bay." };
        var harbour = new Category { Name = "Harbour", Slug = "harbour", Parent = local };
        var article = new Article
        {
            Title = DemoArticle.Title,
            Slug = DemoArticle.Slug,
            Body = DemoArticle.Body,
            Excerpt = DemoArticle.Excerpt,
            Status = ArticleStatus.Published,
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = now,
            Author = reporter,
            FeaturedImageUrl = picture.Path,
            FeaturedImageAlt = DemoArticle.ImageAlt,
            FeaturedImageCaption = DemoArticle.ImageCaption,
            FeaturedImageCredit = DemoArticle.ImageCredit,
            CommentsOpen = true,
        };
        article.Categories.Add(harbour);
        foreach (var (name, slug) in new[] { ("Ferries", "ferries"), ("Transport", "transport"), ("Islands", "islands") })
        {
            article.Tags.Add(new Tag { Name = name, Slug = slug });
        }
        var question = new Comment
        {
            Article = article,
            AuthorName = "Tomas Reyes",
            AuthorEmail = "tomas@example.com",
            AvatarSeed = await avatars.SeedForAsync("tomas@example.com", CancellationToken.None),
            Text = "Good news for anyone on the late shift. Will bicycles go free, as they did on the old boat?",
            Status = CommentStatus.Approved,
            CreatedAt = now.AddMinutes(20),
        };
        var answer = new Comment
        {
            Article = article,
            Parent = question,
            AuthorName = "Ilse from the harbour office",
            AuthorEmail = "ilse@example.com",
            AvatarSeed = await avatars.SeedForAsync("ilse@example.com", CancellationToken.None),
            Text = "Yes: bicycles travel free on every sailing, night boat included. There are racks for twenty on the car deck.",
            Status = CommentStatus.Approved,
            CreatedAt = now.AddMinutes(45),
        };
        var about = new Article
        {
            Kind = ArticleKind.Page,
            Title = "About the Gazette",
            Slug = "about-the-gazette",
            Body = """
                The Gazette is a demonstration newsroom: a small paper for a made-up harbour town,
                set up so that every part of the site can be seen on the first day.

                Replace this page with your own: who you are, how to reach the newsroom, and how
                you correct mistakes. Staff edit it under **Pages** in the newsroom.
                """,
            Status = ArticleStatus.Published,
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = now,
            Author = reporter,
        };
        // A newspaper's two menus, which the staff area's Menus page edits: its sections in the
        // masthead, its pages in the footer.
        var sections = new Menu { Name = "Sections", Location = MenuLocation.Primary };
        sections.Items.Add(new MenuItem { Kind = MenuItemKind.Home, Position = 0 });
        var footer = new Menu { Name = "Footer", Location = MenuLocation.Footer };
        db.AddRange(reporter, picture, local, harbour, article, question, answer, about, sections, footer);
        await db.SaveChangesAsync();
        var localItem = new MenuItem { Kind = MenuItemKind.Category, TargetId = local.Id, Position = 1 };
        sections.Items.Add(localItem);
        await db.SaveChangesAsync();
        sections.Items.Add(new MenuItem { Kind = MenuItemKind.Category, TargetId = harbour.Id, ParentId = localItem.Id, Position = 0 });
        footer.Items.Add(new MenuItem { Kind = MenuItemKind.Page, TargetId = about.Id, Position = 0 });
        await db.SaveChangesAsync();
    }

    private static void PrintSignIn(WebApplication app, string password)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gazette.FirstRun");
        var address = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault()?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal);
        // A warning, so that it shows whatever the configured log level.
        logger.LogWarning("""

            ==================================================================
             Gazette is set up. Sign in to the newsroom for the first time:

               {Address}/admin/signin
               User name: {UserName}
               Password:  {Password}

             This password is shown only now. Keep it somewhere safe.
            ==================================================================

            """, address, AdministratorUserName, password);
    }

    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        string password;
        do
        {
            password = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(alphabet, 5)));
        }
        // Identity's rules want a digit, an upper- and a lower-case letter.
        while (!password.Any(char.IsDigit) || !password.Any(char.IsUpper) || !password.Any(char.IsLower));
        return password;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
