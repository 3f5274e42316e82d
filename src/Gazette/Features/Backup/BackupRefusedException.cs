namespace Gazette.Features.Backup;

/// <summary>A restore refused before anything was changed; the message says why, for the person restoring.</summary>
public sealed class BackupRefusedException : Exception
{
    public BackupRefusedException()
    {
    }

    public BackupRefusedException(string message) : base(message)
    {
    }

    public BackupRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
