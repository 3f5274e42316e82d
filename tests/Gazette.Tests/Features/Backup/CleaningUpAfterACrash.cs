using Gazette.Features.Backup;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Features.Backup;

/// <summary>
/// What a backup or restore killed mid-way leaves in the data folder, as the site finds it at its next start:
/// abandoned archives and uploads go, anything young is left to whoever may be writing it, and a restore's
/// staging folder (perhaps the only copy of the media it replaced) is kept and pointed out to the operator.
/// </summary>
public sealed class CleaningUpAfterACrash
{
    [Fact]
    public void AtStartAbandonedArchivesGoAndAnInterruptedRestoreIsPointedOut()
    {
        var data = Directory.CreateTempSubdirectory("gazette-leftovers-").FullName;
        var backups = Directory.CreateDirectory(Path.Combine(data, "backups")).FullName;
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        string Leave(string name, DateTime writtenAt)
        {
            var path = Path.Combine(backups, name);
            File.WriteAllBytes(path, [1, 2, 3]);
            File.SetLastWriteTimeUtc(path, writtenAt);
            return path;
        }
        var oldUpload = Leave(StoredBackups.UploadPrefix + "0a1b.zip", twoHoursAgo);
        var oldPartial = Leave(StoredBackups.BackupPrefix + "20261205-090000.zip.partial", twoHoursAgo);
        var uploadInProgress = Leave(StoredBackups.UploadPrefix + "2c3d.zip", DateTime.UtcNow);
        var finishedBackup = Leave(StoredBackups.BackupPrefix + "20261205-080000.zip", twoHoursAgo);
        var staging = Directory.CreateDirectory(Path.Combine(data, RestoreBackup.StagingPrefix + "5e6f", "media-replaced")).Parent!.FullName;

        using (var app = new SqliteApp(data))
        {
            app.CreateBrowser();

            Assert.False(File.Exists(oldUpload));
            Assert.False(File.Exists(oldPartial));
            Assert.True(File.Exists(uploadInProgress), "an upload another instance may be receiving is left alone");
            Assert.True(File.Exists(finishedBackup), "a finished backup is kept");
            Assert.True(Directory.Exists(staging), "a restore's staging folder is never deleted");
            Assert.Contains(app.Log.Entries, e => e.Message.Contains("A restore stopped in the middle", StringComparison.Ordinal)
                && e.Message.Contains(staging, StringComparison.Ordinal));
        }
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
