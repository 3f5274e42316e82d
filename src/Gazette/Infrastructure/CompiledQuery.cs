using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gazette.Infrastructure;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>) for the reads every page view makes:
/// the query is built and translated once, not on each view. EF binds a compiled query to the model
/// it first runs against, and one process may hold several models (the tests run SQLite and
/// PostgreSQL sites side by side, each with its own), so it is compiled once per model.
/// </summary>
/// <typeparam name="TQuery">The delegate <c>EF.CompileAsyncQuery</c> returns.</typeparam>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model, to call with <paramref name="db"/>.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.TryGetValue(db.Model, out var query) ? query : _byModel.GetValue(db.Model, _ => compile());
    }
}
