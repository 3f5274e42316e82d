using Gazette.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The app on a clock that stands still until a test moves it: every use of the injected
/// <see cref="TimeProvider"/> (the scheduled publisher, comment windows, sign-in cookies) follows it.
/// It starts at the real time, so that sign-in cookies and arranged data look recent.
/// </summary>
public abstract class FakeClockApp : GazetteApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class FakeClockSqliteApp : FakeClockApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder) =>
        builder.UseSetting("Gazette:Database:Provider", nameof(DatabaseProvider.Sqlite));
}

public sealed class FakeClockPostgreSqlApp : FakeClockApp
{
    protected override void ConfigureDatabase(IWebHostBuilder builder) => PostgreSqlApp.UseNewDatabase(builder);
}
