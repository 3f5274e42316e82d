using System.Net;
using Gazette.Data;
using Gazette.Features.Staff;
using Gazette.Infrastructure;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Pages.Admin;

/// <summary>
/// Password guessing is slowed per address and per account with growing waits, never locked out
/// for the owner, and a name that is no account looks exactly like one that is.
/// </summary>
public abstract class SignInThrottleTests(SignInThrottleTests.AddressedApp app)
{
    private const string Password = "correct-horse-Battery-9";

    [Fact]
    public async Task SomeoneGuessingAnEditorsPasswordCannotKeepTheEditorOut()
    {
        var editorsLaptop = app.CreateBrowser();
        var editor = await app.SignInAsync(editorsLaptop, StaffRoles.Editor);
        From(editorsLaptop, "198.51.100.9");

        // Guesses from one address, then from many: the account is slowed, with a growing wait.
        for (var i = 0; i < 8; i++)
        {
            await SignInAsync(From(app.CreateBrowser(), $"203.0.113.{i % 3 + 1}"), editor, "guess-" + i);
        }
        var guess = await SignInAsync(From(app.CreateBrowser(), "203.0.113.50"), editor, "another-guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, guess.StatusCode);
        Assert.True(int.Parse(guess.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        // A new browser waits, and is told so and how to get in another way…
        var phone = From(app.CreateBrowser(), "198.51.100.10");
        var waiting = await SignInAsync(phone, editor, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Contains("reset your password", (await waiting.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);

        // …but the editor's own browser gets in at once.
        var editorBack = await SignInAsync(editorsLaptop, editor, Password);
        Assert.Equal(HttpStatusCode.Redirect, editorBack.StatusCode);
        Assert.Equal("/admin", editorBack.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OneAddressTryingManyNamesIsSlowedAndOthersAreNot()
    {
        var author = await app.SignInAsync(app.CreateBrowser(), StaffRoles.Author);
        for (var i = 0; i < 6; i++)
        {
            await SignInAsync(From(app.CreateBrowser(), "192.0.2.77"), app.Unique("nobody"), "guess");
        }

        var fromThere = await SignInAsync(From(app.CreateBrowser(), "192.0.2.77"), author, Password);
        var fromElsewhere = await SignInAsync(From(app.CreateBrowser(), "192.0.2.78"), author, Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromThere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);

        // The wait is a wait, not a lockout.
        app.Clock.Advance(SignInThrottle.LongestWait);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(From(app.CreateBrowser(), "192.0.2.77"), author, Password)).StatusCode);
    }

    [Fact]
    public async Task ANameThatIsNoAccountGetsTheSameAnswerForTheSameWork()
    {
        var author = await app.SignInAsync(app.CreateBrowser(), StaffRoles.Author);
        var invited = app.Unique("invited");
        await app.WithDbAsync(async db =>
        {
            db.Users.Add(new StaffUser
            {
                UserName = invited, NormalizedUserName = invited.ToUpperInvariant(), DisplayName = invited, Slug = invited,
                SecurityStamp = Guid.NewGuid().ToString(),
            });
            await db.SaveChangesAsync();
        });

        var answers = new List<(HttpStatusCode, string, int)>();
        foreach (var name in new[] { author, app.Unique("nobody"), invited })
        {
            var before = app.Hasher.Verifications;
            var response = await SignInAsync(From(app.CreateBrowser(), "198.51.100.200"), name, "a-wrong-password");
            answers.Add((response.StatusCode, (await response.ReadDocumentAsync()).TextOf(".form-errors"), app.Hasher.Verifications - before));
        }

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.BadRequest, "That user name and password do not match.", 1), answer));
    }

    [Fact]
    public async Task ASuspendedAccountIsToldSoOnlyWithTheRightPassword()
    {
        var userName = await app.SignInAsync(app.CreateBrowser(), StaffRoles.Author);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }

        var wrong = await SignInAsync(From(app.CreateBrowser(), "198.51.100.201"), userName, "a-wrong-password");
        var right = await SignInAsync(From(app.CreateBrowser(), "198.51.100.202"), userName, Password);

        Assert.Equal("That user name and password do not match.", (await wrong.ReadDocumentAsync()).TextOf(".form-errors"));
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("suspended", (await right.ReadDocumentAsync()).TextOf(".form-errors"), StringComparison.Ordinal);
    }

    private static HttpClient From(HttpClient browser, string address)
    {
        browser.DefaultRequestHeaders.Remove(ClientAddress.Header);
        browser.DefaultRequestHeaders.Add(ClientAddress.Header, address);
        return browser;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password) =>
        browser.PostFormAsync("/admin/signin", "/admin/signin", new() { ["UserName"] = userName, ["Password"] = password });

    /// <summary>The app with each test browser at a network address of its own, and the password hashing counted.</summary>
    public abstract class AddressedApp : FakeClockApp
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter, ClientAddress>();
                services.AddSingleton<IPasswordHasher<StaffUser>>(Hasher);
            });
        }
    }

    public sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>TestServer has no network: the test says where each request comes from.</summary>
    private sealed class ClientAddress : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SignInThrottleOnSqlite(SignInThrottleOnSqlite.App app) : SignInThrottleTests(app), IClassFixture<SignInThrottleOnSqlite.App>
{
    public sealed class App : AddressedApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder) =>
            builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
    }
}

public sealed class SignInThrottleOnPostgreSql(SignInThrottleOnPostgreSql.App app) : SignInThrottleTests(app), IClassFixture<SignInThrottleOnPostgreSql.App>
{
    public sealed class App : AddressedApp
    {
        protected override void ConfigureDatabase(IWebHostBuilder builder) => PostgreSqlApp.UseNewDatabase(builder);
    }
}
