using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands the app sends while serving requests, so a test can hold a page to a
/// fixed number. Commands from background services (the outbox, the publisher, the settings
/// poll) run outside any request and are not counted: they would make the figure flicker.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    // HttpContextAccessor keeps the current request in a static AsyncLocal, so any instance sees it.
    private readonly HttpContextAccessor _request = new();
    private int _count;
    private bool _counting;

    public int Count => _count;

    public async Task<int> CountAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _count = 0;
        _counting = true;
        try
        {
            await action();
        }
        finally
        {
            _counting = false;
        }
        return _count;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count1();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count1();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count1();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Count1()
    {
        if (_counting && _request.HttpContext is not null)
        {
            Interlocked.Increment(ref _count);
        }
    }
}
