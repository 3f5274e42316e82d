namespace Gazette.Features.Backup;

/// <summary>
/// Reports on the working thread, in order: <see cref="Progress{T}"/> posts each report to the thread
/// pool, so a late "Database" could overwrite "Done", or a line be written after a verb has returned.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
