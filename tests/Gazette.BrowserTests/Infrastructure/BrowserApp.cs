using System.Net;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gazette.BrowserTests.Infrastructure;

/// <summary>A member of staff the browser signs in as.</summary>
public sealed record StaffAccount(string UserName, string Password, string DisplayName);

/// <summary>
/// Gazette served by real Kestrel on a loopback port, on a temporary SQLite data folder, and one
/// headless Chromium shared by every browser test. Tests open a fresh browser context each, so
/// a reader and a member of staff never share cookies.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumVariable = "GAZETTE_TEST_CHROMIUM";

    private const string AdministratorRole = "Administrator";
    private int _sequence;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("gazette-browser-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>
    /// An Administrator whose display name is "admin", so that the byline reads "By admin"
    /// as on the page the seed fixture was taken from.
    /// </summary>
    public StaffAccount Staff { get; } = new("desk", "Browser-tests-passw0rd", "admin");

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is started by InitializeAsync.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Gazette:DataDirectory", _dataDirectory);
        builder.UseSetting("Gazette:Database:Provider", "Sqlite");
        // Playwright fills a form faster than a person; the fill-time check has its own HTTP test.
        builder.UseSetting("Gazette:Comments:MinimumFillSeconds", "0");
        // Every journey posts from this machine's one address, and the suite posts more than 20 comments
        // and data requests in ten minutes; the limits have their own HTTP tests.
        builder.UseSetting("Gazette:Comments:MaxCommentsPerAddress", "1000");
        // Mail counts as set up, so pages say what they say when it is; nothing listens on the discard
        // port, so every message stays in the outbox, where tests read it. The mail tests use a real server.
        builder.UseSetting("Gazette:Mail:Host", "127.0.0.1");
        builder.UseSetting("Gazette:Mail:Port", "9");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Two images per upload (a 21 MB request), so that a test can send an upload over the limit,
        // and over Kestrel's own 30 MB, without sending the default 200 MB.
        builder.UseSetting("Gazette:Media:MaxFilesPerUpload", "2");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseAddress = new Uri(address);

        await CreateStaffAsync();

        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}: install it (apt-get install chromium) or set {ChromiumVariable}.");
        }
        // The suite shares two cores with the server and, under ./test.sh, the other test project.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A new browser context, with cookies of its own, whose relative URLs go to the app.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        options.Locale ??= "en-GB";
        options.TimezoneId ??= "UTC";
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public string Unique(string prefix) =>
        $"{prefix}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<T> WithDbAsync<T>(Func<GazetteDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<GazetteDbContext>());
        // Rows written straight into the tables pass by the use cases, whose changes evict the pages they touch.
        await Services.GetRequiredService<PageCacheInvalidation>().EvictAsync(CancellationToken.None, CacheTags.Site);
        return result;
    }

    private async Task CreateStaffAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AdministratorRole))
        {
            Check(await roles.CreateAsync(new IdentityRole(AdministratorRole)));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = Staff.UserName,
            Email = Staff.UserName + "@example.org",
            EmailConfirmed = true,
            DisplayName = Staff.DisplayName,
            Slug = Staff.UserName,
        };
        Check(await users.CreateAsync(user, Staff.Password));
        Check(await users.AddToRoleAsync(user, AdministratorRole));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await DisposeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the OS cleans its temp folder.
        }
    }
}
