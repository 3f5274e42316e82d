using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Features.WordPress;

/// <summary>
/// WordPress's users become staff accounts made by Identity's own user manager, so they are found,
/// normalised and stamped like any other; WordPress logins Identity would not take still come in.
/// </summary>
public abstract class ImportingAccounts(GazetteApp app)
{
    [Fact]
    public async Task ALoginWithASpaceAndNoEmailAndAnUnlistedCreatorBecomeAuthors()
    {
        var site = "https://" + app.Unique("beacon") + ".example.net";
        var spaced = app.Unique("hanne") + " vik";
        var odd = app.Unique("keeper") + "ø";
        var export = (await File.ReadAllTextAsync(await WordPressFixtures.BeaconAtAsync(site)))
            .Replace("<wp:author_login>hanne</wp:author_login><wp:author_email>hanne.vik@beacon.example.net</wp:author_email>",
                $"<wp:author_login>{spaced}</wp:author_login>", StringComparison.Ordinal)
            .Replace("<dc:creator>hanne</dc:creator>\n\t\t<content:encoded>", $"<dc:creator>{odd}</dc:creator>\n\t\t<content:encoded>", StringComparison.Ordinal)
            .Replace("<dc:creator>hanne</dc:creator>", $"<dc:creator>{spaced}</dc:creator>", StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateTempSubdirectory("wxr-").FullName, "beacon.xml");
        await File.WriteAllTextAsync(file, export);

        var report = await app.ImportAsync(file);

        Assert.True(report.Succeeded, report.ToString());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var hanne = await users.FindByNameAsync(spaced);
        Assert.NotNull(hanne);
        Assert.Null(hanne.Email);
        Assert.Null(hanne.PasswordHash);
        Assert.False(string.IsNullOrEmpty(hanne.SecurityStamp), "made by the user manager, which stamps every account");
        Assert.Equal("Hanne Vik", hanne.DisplayName);
        Assert.Equal([StaffRoles.Author], await users.GetRolesAsync(hanne));

        var keeperName = odd[..^1];
        var keeper = await users.FindByNameAsync(keeperName);
        Assert.NotNull(keeper);
        Assert.Equal([StaffRoles.Author], await users.GetRolesAsync(keeper));
        Assert.Contains(report.Warnings, w => w.Contains(odd, StringComparison.Ordinal) && w.Contains($"signs in as \"{keeperName}\"", StringComparison.Ordinal));
        var lit = await app.Services.ImportedArticleAsync(site, "31");
        Assert.Equal(keeper.Id, lit.AuthorId);
    }
}

public sealed class ImportingAccountsOnSqlite(SqliteApp app) : ImportingAccounts(app), IClassFixture<SqliteApp>;

public sealed class ImportingAccountsOnPostgreSql(PostgreSqlApp app) : ImportingAccounts(app), IClassFixture<PostgreSqlApp>;
